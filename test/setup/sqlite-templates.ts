import { removeSqliteTemplates, sqliteTemplate } from "../server/sqlite-template";

/*
 * Global setup of the unit project: the migrated SQLite file, and the one with
 * content/ loaded, that every test database of the run is copied from
 * (test/server/sqlite-template.ts); removed at the end.
 */
export function setup() {
  sqliteTemplate("migrated");
  sqliteTemplate("content");
}

export function teardown() {
  removeSqliteTemplates();
}
