/*
 * Ids that arrive in a URL path (a session, a note). Next decodes the
 * segment; what comes out can still be empty, huge, or hold a lone UTF-16
 * surrogate or a control character, none of which any stored id has, and a
 * lone surrogate makes Prisma fail rather than find nothing. Such an id is
 * refused before any query.
 */

export const PATH_ID_MAX = 200;

const UNUSABLE = /[\p{Cs}\p{Cc}]/u;

/** What is wrong with an id from a path, or null when it can be looked up. */
export function pathIdProblem(id: unknown): string | null {
  if (typeof id !== "string" || id.length === 0) return "must not be empty";
  if (id.length > PATH_ID_MAX) return `must be at most ${PATH_ID_MAX} characters`;
  if (UNUSABLE.test(id)) return "must be valid Unicode text without control characters";
  return null;
}
