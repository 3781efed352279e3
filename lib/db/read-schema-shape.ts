import Database from "better-sqlite3";
import pg from "pg";
import { BOOKKEEPING_TABLES, type SchemaShape } from "./schema-shape";

/*
 * Reads a database's shape (lib/db/schema-shape.ts) from its catalog: SQLite's
 * pragmas, PostgreSQL's information_schema and pg_catalog. Names of indexes and
 * constraints are part of the shape: Prisma refers to them by name in later
 * migrations.
 */

export function readSqliteShape(path: string): SchemaShape {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const facts = new Set<string>();
    const tables = (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
      .map((row) => row.name)
      .filter((name) => !BOOKKEEPING_TABLES.has(name));
    for (const table of tables) {
      facts.add(`table ${table}`);
      for (const column of database.pragma(`table_xinfo("${table}")`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
        facts.add(`column ${table}.${column.name} ${column.type}${column.notnull ? " NOT NULL" : ""}${column.dflt_value === null ? "" : ` DEFAULT ${column.dflt_value}`}${column.pk ? ` PRIMARY KEY ${column.pk}` : ""}`);
      }
      for (const index of database.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[]) {
        const columns = (database.pragma(`index_xinfo("${index.name}")`) as { name: string | null; desc: number; key: number }[])
          .filter((column) => column.key)
          .map((column) => `${column.name}${column.desc ? " DESC" : ""}`);
        facts.add(`index ${table}.${index.origin === "pk" ? "(primary key)" : index.name}${index.unique ? " UNIQUE" : ""} (${columns.join(", ")})`);
      }
      for (const key of database.pragma(`foreign_key_list("${table}")`) as { table: string; from: string; to: string; on_update: string; on_delete: string }[]) {
        facts.add(`foreign key ${table}.${key.from} -> ${key.table}.${key.to} ON UPDATE ${key.on_update} ON DELETE ${key.on_delete}`);
      }
    }
    return facts;
  } finally {
    database.close();
  }
}

export async function readPostgresShape(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const facts = new Set<string>();
    const skip = [...BOOKKEEPING_TABLES];
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND NOT (table_name = ANY($1)) ORDER BY table_name, ordinal_position`,
      [skip],
    );
    for (const column of columns.rows) {
      facts.add(`table ${column.table_name}`);
      facts.add(`column ${column.table_name}.${column.column_name} ${column.data_type}${column.is_nullable === "NO" ? " NOT NULL" : ""}${column.column_default === null ? "" : ` DEFAULT ${column.column_default}`}`);
    }
    const indexes = await client.query<{ tablename: string; indexdef: string }>(
      "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND NOT (tablename = ANY($1))",
      [skip],
    );
    for (const index of indexes.rows) facts.add(`index ${index.tablename}: ${index.indexdef}`);
    const constraints = await client.query<{ table_name: string; conname: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.conrelid <> 0 AND NOT (trim(both '"' from c.conrelid::regclass::text) = ANY($1))`,
      [skip],
    );
    for (const constraint of constraints.rows) facts.add(`constraint ${constraint.table_name}.${constraint.conname}: ${constraint.definition}`);
    return facts;
  } finally {
    await client.end();
  }
}
