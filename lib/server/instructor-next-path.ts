/*
 * Where the login and password pages go afterwards. `next` comes from the
 * address bar, so anyone can write it into a link: only a path on this site
 * under /instructor is followed (no "//evil.example", no "/\evil", no
 * "https://…", no "/instructorx"), anything else goes to /instructor.
 */

export const INSTRUCTOR_HOME = "/instructor";

export function instructorNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(next)) return INSTRUCTOR_HOME;
  let url: URL;
  try {
    url = new URL(next, "http://synack.invalid");
  } catch {
    return INSTRUCTOR_HOME;
  }
  if (url.origin !== "http://synack.invalid") return INSTRUCTOR_HOME;
  if (url.pathname !== INSTRUCTOR_HOME && !url.pathname.startsWith(`${INSTRUCTOR_HOME}/`)) return INSTRUCTOR_HOME;
  // Back to the login page would be a loop.
  if (url.pathname === `${INSTRUCTOR_HOME}/login`) return INSTRUCTOR_HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
