/*
 * How a file's problems reach the author: one short line each, and a failure
 * of the checker itself on one file reported as that file's problem, so that
 * one bad file never stops the check of the others or `npm start`.
 */

type Report = (line: number, message: string) => void;

/** Runs one file's check; a throw (a bug, or input no guard foresaw) becomes a problem at line 1. */
export function guarded<T>(report: Report, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
    report(1, `the check failed on this file (${what}); it is left out. Please report this with the file.`);
    return undefined;
  }
}

/** Problem lines stay readable when a message quotes a huge value. */
const MAX_MESSAGE_LENGTH = 500;

/** One line (a message may quote text with line breaks, such as a bad pattern), at most 500 characters. */
export function shorten(message: string): string {
  const line = message.replace(/\s*[\r\n]+\s*/g, " ");
  return line.length <= MAX_MESSAGE_LENGTH ? line : `${line.slice(0, MAX_MESSAGE_LENGTH)}…`;
}
