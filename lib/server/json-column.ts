import { Prisma } from "./generated/prisma/client";

/*
 * What a Json column is given to store. Prisma's Json input takes a string
 * too, and stores it as a JSON string: `questions: JSON.stringify(refs)`
 * compiles, and stores "[…]" in quotes where an array was meant. Every Json
 * column of SynAck's holds an object or an array, so these take only those,
 * and handing them a string is a type error.
 */

/** An object or array (parsed JSON, or a value made of JSON's types) for a Json column. */
export function jsonOf(value: object): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** For a nullable Json column: null is SQL NULL (Prisma's DbNull), not JSON's null. */
export function jsonOrDbNull(value: object | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
