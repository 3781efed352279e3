import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { ContentFile } from "./content-model";
import { kindOf } from "./check-content";

/**
 * Every content file under `dir`, with its path as it should be reported
 * (relative to the working directory), in a stable order.
 */
export function loadContentFiles(dir: string, cwd: string = process.cwd()): ContentFile[] {
  const files: ContentFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      if (entry.startsWith(".") || entry === "node_modules") continue;
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (kindOf(path)) files.push({ path: relative(cwd, path) || path, text: readFileSync(path, "utf8") });
    }
  };
  walk(dir);
  return files;
}
