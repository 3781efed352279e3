/*
 * SynAck has one data model, prisma/schema.prisma, written for SQLite (the
 * default). PostgreSQL gets a schema made from it by this function and
 * nothing else: the same models, fields and indexes, another datasource and
 * another generated client. Prisma needs one schema file per provider
 * (a datasource names exactly one), and each provider keeps its own
 * migration history beside its schema (prisma/migrations,
 * prisma/postgresql/migrations).
 */

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run -s db:schema\`: do not edit.
// The same data model for PostgreSQL (DATABASE_URL=postgresql://...), through the pg driver adapter.
`;

/** The PostgreSQL schema for the SQLite schema `source`; throws if `source` lacks the blocks it rewrites. */
export function postgresSchema(source: string): string {
  const datasource = /datasource db \{[^}]*\}/;
  const output = /output\s*=\s*"\.\.\/lib\/server\/generated\/prisma"/;
  if (!datasource.test(source)) throw new Error("prisma/schema.prisma: no `datasource db { ... }` block");
  if (!output.test(source)) throw new Error('prisma/schema.prisma: the client generator must have output = "../lib/server/generated/prisma"');
  const body = source
    .replace(/^(\/\/.*\n|\s*\n)+/, "")
    .replace(
      datasource,
      [
        "datasource db {",
        '  provider = "postgresql"',
        "  // Only `prisma generate` reads this; migrations and the app connect through the",
        "  // pg driver adapter, to DATABASE_URL (lib/server/database-url.ts).",
        '  url      = "postgresql://localhost/synack"',
        "}",
      ].join("\n"),
    )
    .replace(output, 'output     = "../../lib/server/generated/prisma-postgresql"');
  return HEADER + "\n" + body;
}
