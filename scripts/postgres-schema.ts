import { readFileSync, writeFileSync } from "node:fs";
import { postgresSchema } from "../lib/db/postgres-schema";

/*
 * `npm run -s db:schema` writes prisma/postgresql/schema.prisma from
 * prisma/schema.prisma, the one data model; `--check` only says whether the
 * committed file is what the model gives (test/db/migration-drift.test.ts runs it).
 */
const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

const wanted = postgresSchema(readFileSync(SOURCE, "utf8"));
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(TARGET, "utf8");
  } catch {
    // A missing file is drift like any other.
  }
  if (committed !== wanted) {
    process.stderr.write(`${TARGET} is not what ${SOURCE} gives: run npm run -s db:schema, then add a PostgreSQL migration (docs/deploy.md, "Changing the data model")\n`);
    process.exit(1);
  }
  process.stdout.write(`${TARGET} matches ${SOURCE}\n`);
} else {
  writeFileSync(TARGET, wanted);
  process.stdout.write(`wrote ${TARGET} from ${SOURCE}\n`);
}
