import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/*
 * The driver adapter Prisma's CLI migrates PostgreSQL through (prisma.config.ts).
 * Prisma 6.19's WebAssembly schema engine reads PostgreSQL's catalog, whose
 * identifiers have the type `name` (OID 19), and @prisma/adapter-pg has no
 * column type for it: every migrate command fails with "Column type 'name'
 * could not be deserialized from the database" (prisma/prisma#27403, open).
 * `name` is text of at most 63 bytes, and pg already returns it as a string,
 * so the client below reports such columns as text (OID 25) and changes
 * nothing else. The app's own queries never return `name` columns and use
 * the adapter as published (lib/server/prisma-client.ts).
 */
const NAME_OID = 19;
const TEXT_OID = 25;

type QueryResult = { fields?: { dataTypeID: number }[] };

function nameAsText<T>(result: T): T {
  for (const field of (result as QueryResult | undefined)?.fields ?? []) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

class NameAsTextClient extends pg.Client {
  // pg's query() has many overloads: a promise, or a callback as the last argument (how pg's Pool calls it).
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") args[last] = (error: unknown, result: unknown) => callback(error, error ? result : nameAsText(result));
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(nameAsText) : result) as never;
  }
}

export function postgresMigrationAdapter(connectionString: string): PrismaPg {
  return new PrismaPg({ connectionString, Client: NameAsTextClient } as ConstructorParameters<typeof PrismaPg>[0]);
}
