// The npm registry this project is built against serves Next's SWC binaries
// for Linux only (darwin and win32 tarballs answer 404), so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock as
// out of sync. This adds lock entries for the foreign-platform binaries that
// npm skips on Linux anyway. Run it after any `npm install`:
//   node scripts/lockfile-foreign-binaries.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const next = lock.packages["node_modules/next"];
const platforms = {
  "@next/swc-darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "@next/swc-darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "@next/swc-win32-arm64-msvc": { os: ["win32"], cpu: ["arm64"] },
  "@next/swc-win32-x64-msvc": { os: ["win32"], cpu: ["x64"] },
};
let added = 0;
for (const [name, platform] of Object.entries(platforms)) {
  const version = next.optionalDependencies?.[name];
  const key = `node_modules/${name}`;
  if (!version || lock.packages[key]) continue;
  lock.packages[key] = { version, cpu: platform.cpu, license: "MIT", optional: true, os: platform.os, engines: { node: ">= 10" } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} foreign-platform entries added`);
