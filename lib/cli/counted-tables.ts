/** What a learner would miss if it were lost: the counts `db -- backup` and `db -- check` report, on either database. */
export const COUNTED = [
  ["learners", "Learner"],
  ["card states", "CardState"],
  ["reviews", "ReviewLog"],
  ["quiz and interview sessions", "StudySession"],
  ["answers", "Answer"],
] as const;

export type CountedTable = (typeof COUNTED)[number][1];

/** "3 learners, 6 card states, …", from each counted table's row count. */
export function describeCounts(count: (table: CountedTable) => number): string {
  return COUNTED.map(([label, table]) => `${count(table)} ${label}`).join(", ");
}
