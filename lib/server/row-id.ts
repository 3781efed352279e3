import { randomBytes } from "node:crypto";

/*
 * Ids for rows written with raw SQL, shaped like the cuid() ids Prisma gives
 * the same tables ("c", the time, a counter, random characters; 25 in all):
 * ids made by one server sort in the order they were made, which undo's
 * tie-break (createdAt, then id) relies on within one millisecond.
 *
 * Several app servers each have their own counter, so ids are unique across
 * them by the random part: 62 bits, drawn anew for every id. Two writes made
 * in the same millisecond on two servers were concurrent, and either order
 * is true; every server reads the same order back from the database.
 */
let counter = 0;

export function newRowId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(13, "0").slice(-12);
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}
