import { checkContent } from "../lib/content";
import { loadContentFiles } from "../lib/content/load-content-files";
import { contentChecksum, storeContent } from "../lib/server/content-store";
import { createPrismaClient } from "../lib/server/prisma-client";

/*
 * Part of `npm start`: check content/ and load what passes into the database.
 * Problems are printed as `path:line: message` and the items concerned are
 * left out, so that one bad card does not keep the app from starting.
 */
const dir = process.argv[2] ?? "content";
const files = loadContentFiles(dir);
const report = checkContent(files);
for (const problem of report.problems) process.stderr.write(`${problem.path}:${problem.line}: ${problem.message}\n`);
if (report.problems.length > 0) {
  process.stderr.write(`content: ${report.problems.length} problems; the items concerned are not loaded (run npm run -s content:check)\n`);
}

const db = createPrismaClient();
try {
  const result = await storeContent(db, report, contentChecksum(files));
  const what = `${result.notes} notes, ${result.cards} cards, ${result.quizzes} quizzes`;
  const said = { loaded: `loaded ${what}`, unchanged: `unchanged (${what})`, "loaded-elsewhere": `loaded by another process while this one waited (${what})` };
  process.stdout.write(`content: ${said[result.outcome]}\n`);
} finally {
  await db.$disconnect();
}
