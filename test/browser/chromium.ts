import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, as CI installs it; never a downloaded one. Without vitest, so that npm run bench can use it too. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
