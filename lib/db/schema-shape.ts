/*
 * What a migrated database looks like, as plain data, so that two databases
 * can be compared: one built by replaying a migration history and one built
 * straight from the data model. Each line is one fact (a column with its type,
 * nullability and default; an index with its columns; a foreign key with its
 * actions), written the same way whichever database it came from, so that a
 * difference reads as what is missing or extra.
 */
export type SchemaShape = ReadonlySet<string>;

export interface ShapeDifference {
  /** Only in the database built from the migration history. */
  onlyInHistory: string[];
  /** Only in the database built from the data model. */
  onlyInModel: string[];
}

export function compareShapes(history: SchemaShape, model: SchemaShape): ShapeDifference {
  return {
    onlyInHistory: [...history].filter((fact) => !model.has(fact)).sort(),
    onlyInModel: [...model].filter((fact) => !history.has(fact)).sort(),
  };
}

export function sameShape(difference: ShapeDifference): boolean {
  return difference.onlyInHistory.length === 0 && difference.onlyInModel.length === 0;
}

/** The tables Prisma keeps for itself, left out of every shape. */
export const BOOKKEEPING_TABLES = new Set(["_prisma_migrations", "sqlite_sequence"]);
