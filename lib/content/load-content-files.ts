import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ContentFile } from "./content-model";
import { kindOf } from "./check-content";
import { MAX_CAPTURE_BYTES } from "../capture/types";
import { notUtf8, tooLarge, type TextProblem } from "./readable-text";

/**
 * Every content file under `dir`, with its path as it should be reported
 * (relative to `cwd`), in a stable order. A file that cannot be read as
 * text comes back with `unreadable` set instead of failing the load.
 *
 * Symbolic links are followed only while they stay inside `dir`: a link
 * that leaves it, loops, points nowhere, or leads to a folder already read
 * (its own parent, say) is reported at line 1 of the link and not followed,
 * so the walk always ends and reads nothing outside the content folder.
 */
export function loadContentFiles(dir: string, cwd: string = process.cwd()): ContentFile[] {
  const files: ContentFile[] = [];
  const shown = (path: string) => relative(cwd, path) || path;
  const skip = (path: string, message: string) => files.push({ path: shown(path), text: "", unreadable: { line: 1, message } });
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (error) {
    skip(dir, `the content folder cannot be read (${codeOf(error)})`);
    return files;
  }
  const read = new Set<string>([root]);

  const readFile = (path: string, info: Stats) => {
    const kind = kindOf(path);
    if (!kind) return;
    const problem = kind === "capture" ? captureProblem(info) : fileProblem(info);
    if (problem) return files.push({ path: shown(path), text: "", unreadable: problem });
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return skip(path, `the file cannot be read (${codeOf(error)})`);
    }
    if (kind === "capture") return files.push({ path: shown(path), text: "", bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    const text = tooLarge(bytes.length) ?? notUtf8(bytes);
    files.push(text ? { path: shown(path), text: "", unreadable: text } : { path: shown(path), text: bytes.toString("utf8") });
  };

  const walk = (folder: string, ancestors: readonly string[]) => {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (error) {
      return skip(folder, `the folder cannot be read (${codeOf(error)})`);
    }
    for (const entry of entries) {
      if (entry.startsWith(".") || entry === "node_modules") continue;
      const path = join(folder, entry);
      try {
        const info = lstatSync(path);
        if (info.isSymbolicLink()) followLink(path, ancestors);
        else if (info.isDirectory()) enter(path, realpathSync(path), ancestors);
        else readFile(path, info);
      } catch (error) {
        skip(path, `cannot be read (${codeOf(error)})`);
      }
    }
  };

  const enter = (path: string, real: string, ancestors: readonly string[]) => {
    read.add(real);
    walk(path, [...ancestors, real]);
  };

  const followLink = (path: string, ancestors: readonly string[]) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      const why = codeOf(error) === "ELOOP" ? "it loops" : codeOf(error) === "ENOENT" ? "it points to nothing" : codeOf(error);
      return skip(path, `a symbolic link that cannot be followed (${why}); not read`);
    }
    if (real !== root && !real.startsWith(root + sep)) {
      return skip(path, `a symbolic link to ${real}, outside the content folder; links that leave it are not followed`);
    }
    const info = statSync(real);
    if (!info.isDirectory()) return readFile(path, info);
    if (ancestors.includes(real)) {
      return skip(path, `a symbolic link to ${shown(real)}, a folder that contains the link: a loop, not followed`);
    }
    if (read.has(real)) return skip(path, `a symbolic link to ${shown(real)}, a folder already read; not followed`);
    enter(path, real, ancestors);
  };

  walk(dir, [root]);
  return files;
}

function fileProblem(info: Stats): TextProblem | null {
  if (!info.isFile()) return { line: 1, message: "not a regular file (a pipe, socket or device); not read" };
  return tooLarge(info.size);
}

/** A sample capture is read as bytes, up to the capture reader's own limit. */
function captureProblem(info: Stats): TextProblem | null {
  if (!info.isFile()) return { line: 1, message: "not a regular file (a pipe, socket or device); not read" };
  return info.size > MAX_CAPTURE_BYTES ? { line: 1, message: `the capture is ${info.size} bytes, above the limit of ${MAX_CAPTURE_BYTES} bytes` } : null;
}

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
}
