import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { PHONE, newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent()) ?? "";
}

async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(([id, wanted]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(wanted!), [testId, text]);
}

describe("the scenario player's profile switch", () => {
  it("close-client-first: TIME_WAIT lasts 240 s under RFC 9293 and 60 s under Linux, cited to the kernel", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/scenarios?name=close-client-first`);
    const group = page.getByRole("group", { name: "Behaviour" });
    expect(await group.getByRole("radio", { name: "RFC 9293" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: /End/ }).click();
    await waitForText(page, "step-event", "240200 ms");
    expect(await page.getByTestId("step-kernel").count()).toBe(0);

    await group.getByRole("radio", { name: "Linux" }).check();
    await waitForText(page, "step-event", "60200 ms");
    expect(await textOf(page, "step-event")).toMatch(/timeout/);
    expect(await textOf(page, "step-kernel")).toContain("include/net/tcp.h: TCP_TIMEWAIT_LEN");
    expect(await textOf(page, "step-note")).toContain("RFC 9293 §3.10.8");
    expect(await textOf(page, "profile-comparison")).toContain("same steps happen at different times");
    expect(new URL(page.url()).searchParams.get("profile")).toBe("linux");

    // The address brings the choice back.
    await page.reload();
    expect(await page.getByRole("radio", { name: "Linux" }).isChecked()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("abort: Linux sends RST+ACK where RFC 9293 sends RST", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/scenarios?name=abort`);
    await page.getByTestId("step-forward").click();
    expect(await textOf(page, "step-info")).toMatch(/Sends .*\bRST\b/);
    expect(await textOf(page, "step-info")).not.toContain("RST+ACK");
    await page.getByRole("radio", { name: "Linux" }).check();
    await waitForText(page, "step-info", "RST+ACK");
    expect(await textOf(page, "step-kernel")).toContain("tcp_send_active_reset");
    expect(await textOf(page, "sequence-diagram")).toContain("RST+ACK");
    await context.close();
  });

  it("an unknown profile in the address shows RFC 9293 and says so", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/scenarios?name=open&profile=bsd`);
    expect(await textOf(page, "unknown-profile")).toContain("“bsd”");
    expect(await page.getByRole("radio", { name: "RFC 9293" }).isChecked()).toBe(true);
    await page.getByTestId("step-forward").click();
    expect(await textOf(page, "client-state")).toContain("SYN_SENT");
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("is reached with Tab, switched with the arrow keys, and shows where the focus is", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/scenarios?name=close-client-first`);
    await page.getByTestId("scenario-select").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);
    expect(focused).toBe("rfc9293");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!.nextElementSibling!).outlineStyle);
    expect(outline).toBe("solid");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("profile") === "linux");
    // The arrow key chose a profile; it did not step the scenario.
    expect(await textOf(page, "step-counter")).toMatch(/^Step 0 of/);
    await context.close();
  });
});

describe("the state diagram's profile switch", () => {
  it("under Linux marks TIME_WAIT's 60 s timer and lists it with its kernel source", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/diagram?state=TIME_WAIT`);
    const diagram = page.getByTestId("state-diagram");
    expect(await diagram.locator("[data-departs]").count()).toBe(0);
    await page.getByRole("radio", { name: "Linux" }).check();
    await page.waitForFunction(() => document.querySelector('[data-edge="TIME_WAIT->CLOSED"]')?.getAttribute("data-departs") === "linux");
    expect(await diagram.textContent()).toContain("60 s timeout / —");
    const timeout = page.getByTestId("state-panel").locator('[data-event="timeout"]');
    expect(await timeout.getAttribute("data-departs")).toBe("true");
    expect(await timeout.textContent()).toContain("Linux differs");
    expect(await timeout.getByTestId("kernel-source").textContent()).toContain("include/net/tcp.h: TCP_TIMEWAIT_LEN");
    // A newer SYN is the row's second case, under either profile.
    expect(await page.getByTestId("state-panel").locator('[data-event="rcv SYN"] [data-variant="newer SYN"]').textContent()).toContain("SYN_RECEIVED");
    expect(new URL(page.url()).searchParams.get("profile")).toBe("linux");
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("in Chinese, on a phone: the Linux difference and its citation, with nothing wider than the screen", async () => {
    const { context, page } = await newLearner(browser(), { locale: "zh-CN", viewport: PHONE });
    await page.goto(`${appUrl}/learn/diagram?state=ESTABLISHED&profile=linux`);
    const group = page.getByRole("group", { name: "行为依据" });
    expect(await group.getByRole("radio", { name: "Linux" }).isChecked()).toBe(true);
    const abort = page.getByTestId("state-panel").locator('[data-event="abort"]');
    expect(await abort.textContent()).toContain("Linux 不同");
    expect(await abort.textContent()).toContain("发送 RST+ACK");
    expect(await abort.textContent()).toContain("RFC 9293 的做法：进入 CLOSED · 发送 RST");
    expect(await abort.getByTestId("kernel-source").textContent()).toContain("Linux 内核：net/ipv4/tcp.c: tcp_disconnect");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    await page.goto(`${appUrl}/learn/scenarios?name=close-client-first&profile=linux`);
    await page.getByTestId("step-forward").click();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await waitForText(page, "step-event", "60200 ms");
    expect(await textOf(page, "step-kernel")).toContain("Linux 内核：include/net/tcp.h: TCP_TIMEWAIT_LEN");
    expect(await textOf(page, "step-note")).toContain("固定为 60 秒");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
