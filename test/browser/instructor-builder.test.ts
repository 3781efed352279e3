import { createHash, randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

/** An instructor with a live session in the served database: the cookie token. */
async function instructorSession(): Promise<string> {
  const db = createPrismaClient(`file:${databasePath}`);
  try {
    const token = randomBytes(24).toString("hex");
    const instructor = await db.instructor.create({ data: { email: `builder-${token.slice(0, 8)}@example.org`, name: "Builder Test", passwordHash: "unused" } });
    await db.instructorSession.create({ data: { instructorId: instructor.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  } finally {
    await db.$disconnect();
  }
}

describe("the quiz builder", () => {
  it("builds a quiz with a fixed and a generated question, checks it while typing, previews, publishes and downloads it", async () => {
    const { context, page } = await newLearner(browser());
    await context.addCookies([{ name: "synack_instructor", value: await instructorSession(), url: appUrl }]);
    await page.goto(`${appUrl}/instructor`);
    await page.getByRole("navigation", { name: "Instructor" }).getByRole("button", { name: "New quiz" }).click();
    await page.waitForURL(/\/instructor\/quizzes\/[^/]+$/);
    const quizId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Prompt (Chinese)").fill("处于 ESTABLISHED 的一方收到 FIN，进入什么状态？");
    await page.getByLabel("Prompt (English)").fill("In ESTABLISHED a side receives a FIN. Which state does it enter?");
    await page.getByLabel("State", { exact: true }).selectOption("ESTABLISHED");
    await page.getByLabel("Event", { exact: true }).selectOption("rcv FIN");
    await page.getByLabel("Answer: the state it enters").selectOption("TIME_WAIT");
    const problem = page.locator('[data-problem-path="questions.0.answer"]');
    await expect.poll(() => problem.textContent(), { timeout: 120_000 }).toMatch(/leads to CLOSE_WAIT, not TIME_WAIT/);
    expect(await page.getByRole("button", { name: "Publish" }).isDisabled()).toBe(true);

    await page.getByLabel("Answer: the state it enters").selectOption("CLOSE_WAIT");
    await page.getByText("No problems: ready to publish.").waitFor();
    expect(await problem.count()).toBe(0);
    await page.getByRole("radio", { name: "One per student" }).check();
    await page.getByText("No problems: ready to publish.").waitFor();

    await page.getByRole("button", { name: "Preview" }).click();
    await page.waitForURL(/\/preview$/);
    await page.getByLabel("Seed", { exact: true }).fill("42");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\/preview\?seed=42$/);
    const items = page.getByTestId("preview-questions").locator(":scope > li");
    expect(await items.count()).toBe(6);
    expect(await items.first().getByTestId("preview-answer").textContent()).toBe("CLOSE_WAIT");
    const firstPlan = await items.allTextContents();
    await page.reload();
    expect(await items.allTextContents()).toEqual(firstPlan);

    await page.getByRole("link", { name: "Back to the editor" }).click();
    await page.waitForURL(/\/instructor\/quizzes\/[^/]+$/);
    await page.getByRole("button", { name: "Publish" }).click();
    const code = page.getByTestId("quiz-code");
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    const qr = page.getByRole("img", { name: /QR code for the quiz link: http.*\/q\/[A-Z0-9]{6}$/ });
    expect(await qr.locator("rect").count()).toBeGreaterThan(20);

    const download = await page.evaluate(async (id) => {
      const reply = await fetch(`/api/instructor/quizzes/${encodeURIComponent(id)}/download`);
      return { status: reply.status, disposition: reply.headers.get("content-disposition"), text: await reply.text() };
    }, quizId);
    expect(download.status).toBe(200);
    const name = /filename="([a-z0-9-]+\.yaml)"/.exec(download.disposition ?? "")?.[1];
    expect(name).toBeDefined();
    expect(download.text).toContain("type: next-state");
    const misconceptions = loadContentFiles("content").filter((file) => file.path.includes("misconceptions"));
    expect(checkContent([...misconceptions, { path: `content/quizzes/${name}`, text: download.text }]).problems).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
