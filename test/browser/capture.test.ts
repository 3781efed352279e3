import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { CaptureError, readCapture } from "@/lib/capture";
import { replayCapture } from "@/lib/capture/replay-capture";
import type { ConnectionReplay } from "@/lib/capture/replay-connection";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { learn } from "@/lib/i18n/messages/learn";
import { quiz } from "@/lib/i18n/messages/quiz";
import { format } from "@/lib/i18n/translate";
import { endpointAddress, finalStates } from "@/lib/learn/capture-view";
import { stepNote } from "@/lib/learn/step-note";
import { hasFlag, type TcpState } from "@/lib/tcp";
import { newLearner, pageErrors, useBrowser } from "./browser";

/*
 * Issue 12: /learn/capture reads a capture in the browser, replays it, steps
 * through it and asks questions from it. Every expectation is computed here
 * from the same file with readCapture and replayCapture (the page runs the
 * same code, in the browser), so the test follows the samples if they are
 * captured again.
 */

const appUrl = inject("appUrl");
const browser = useBrowser();

function sampleBytes(name: string): Buffer {
  return readFileSync(`content/captures/${name}`);
}

function replayOf(name: string) {
  return replayCapture(readCapture(new Uint8Array(sampleBytes(name))));
}

/** A pcapng file whose first block claims a length that is not a multiple of 4: the reader refuses it at a known offset. */
function corruptCapture(): { bytes: Buffer; offset: number } {
  const bytes = Buffer.from(sampleBytes("handshake-data-close.pcapng"));
  bytes.writeUInt32LE(bytes.readUInt32LE(4) + 1, 4);
  try {
    readCapture(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof CaptureError) return { bytes, offset: error.offset };
    throw error;
  }
  throw new Error("the corrupted capture was read without an error");
}

async function openPage(lang: Language) {
  const { context, page } = await newLearner(browser(), { locale: lang === "zh" ? "zh-CN" : "en-US" });
  await page.goto(`${appUrl}/learn/capture`);
  // React took the page over: the file input and the buttons answer.
  await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
  return { context, page };
}

async function waitForFact(page: Page, key: string, value: string) {
  await page.waitForFunction(([id, wanted]) => document.querySelector(`[data-testid="fact-${id}"]`)?.textContent === wanted, [key, value]);
}

/** Steps forward to the end, checking both lifelines' states (and the timer's mark) after every step against the replay. */
async function stepThrough(page: Page, replay: ConnectionReplay, lang: Language) {
  const steps = replay.trace.steps;
  for (let step = 1; step <= steps.length; step++) {
    await page.getByTestId("step-forward").click();
    await page.waitForFunction(
      ([wanted]) => document.querySelector('[data-testid="step-counter"]')?.textContent === wanted,
      [format(learn.stepOf[lang], { step, total: steps.length })],
    );
    expect(await page.getByTestId("client-state").locator("strong").textContent(), `client after step ${step}`).toBe(steps[step - 1]!.client);
    expect(await page.getByTestId("server-state").locator("strong").textContent(), `server after step ${step}`).toBe(steps[step - 1]!.server);
    expect(await page.getByTestId("step-note").textContent()).toContain(stepNote(replay.trace, step - 1, lang));
    expect(await page.getByTestId("timer-only").count(), `timer mark at step ${step}`).toBe(step - 1 >= replay.timedFrom ? 1 : 0);
  }
  expect(await page.getByTestId("step-forward").isDisabled()).toBe(true);
}

/** The answer to the question on screen, worked out from the replay by what the question is about (type, segment, side). */
async function rightAnswer(page: Page, replay: ConnectionReplay): Promise<{ input: string; value: string }> {
  const question = page.getByTestId("question");
  const type = await question.getAttribute("data-question-type");
  const n = Number(await question.getAttribute("data-segment"));
  const side = (await question.getAttribute("data-side")) as "client" | "server";
  const segment = replay.segments.find((candidate) => candidate.n === n)!;
  const at = replay.trace.steps.findIndex((step) => step.received === n);
  expect(at, `segment ${n} is received in the replay`).toBeGreaterThanOrEqual(0);
  const before: TcpState = at === 0 ? replay.trace.initial[side] : replay.trace.steps[at - 1]![side];
  switch (type) {
    case "state-after":
      return { input: "choice", value: replay.trace.steps[at]![side] };
    case "if-lost":
      return { input: "choice", value: before };
    case "next-ack":
      return { input: "number", value: String(segment.seq + segment.len + (hasFlag(segment.flags, "SYN") ? 1 : 0) + (hasFlag(segment.flags, "FIN") ? 1 : 0)) };
    default:
      throw new Error(`a capture question of an unknown type: ${type}`);
  }
}

/** Answers every question rightly and checks each verdict, then the score. */
async function answerAllRightly(page: Page, replay: ConnectionReplay, lang: Language) {
  await page.getByTestId("quiz-start").click();
  const question = page.getByTestId("question");
  await question.waitFor();
  const total = Number((await page.getByTestId("question-counter").textContent())!.match(/(\d+)\D*$/)![1]);
  expect(total).toBeGreaterThan(0);
  for (let position = 0; position < total; position++) {
    await page.locator(`[data-testid=question][data-position="${position}"]`).waitFor();
    const { input, value } = await rightAnswer(page, replay);
    expect(await question.getAttribute("data-input")).toBe(input);
    if (input === "choice") await question.locator(`input[type=radio][value="${value}"]`).check();
    else await question.locator("input[name=number]").fill(value);
    await question.locator("button[type=submit]").click();
    const panel = page.getByTestId("answer-panel");
    await panel.waitFor();
    expect(await panel.getAttribute("data-correct")).toBe("true");
    expect(await panel.locator(".verdict").textContent()).toContain(quiz.right[lang]);
    await page.getByTestId("quiz-next").click();
  }
  await page.getByTestId("quiz-score").waitFor();
  expect(await page.getByTestId("quiz-score").textContent()).toBe(format(capture.scoreLine[lang], { score: total, total }));
}

describe("/learn/capture", () => {
  it("a capture uploaded through the file input: its facts, its connection and final states, every step, and a quiz answered rightly", { timeout: 600_000 }, async () => {
    const name = "half-close-ipv6.pcap";
    const replay = replayOf(name);
    const connection = replay.connections[0]!;
    const { context, page } = await openPage("en");
    expect(await page.locator("main").textContent()).toContain(capture.privacy.en);

    await page.getByLabel(capture.fileLabel.en).setInputFiles(`content/captures/${name}`);
    await waitForFact(page, "file", name);
    expect(await page.getByTestId("fact-format").textContent()).toBe("pcap");
    expect(await page.getByTestId("fact-frames").textContent()).toBe(String(replay.frames));
    expect(await page.getByTestId("fact-connections").textContent()).toBe("1");

    const listed = page.getByTestId("connection");
    expect(await listed.count()).toBe(replay.connections.length);
    const [client, server] = connection.endpoints;
    expect(await listed.first().textContent()).toContain(`${endpointAddress(client)} → ${endpointAddress(server)}`);
    const final = finalStates(connection);
    expect(await listed.first().textContent()).toContain(format(capture.connectionFinal.en, final));
    expect(await listed.first().getByRole("radio").isChecked()).toBe(true);

    await stepThrough(page, connection, "en");
    await answerAllRightly(page, connection, "en");
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("a corrupt file, chosen or dropped, shows the byte offset in an alert, and the page keeps working", { timeout: 600_000 }, async () => {
    const { bytes, offset } = corruptCapture();
    const { context, page } = await openPage("en");
    await page.getByLabel(capture.fileLabel.en).setInputFiles("content/captures/handshake-data-close.pcapng");
    await waitForFact(page, "file", "handshake-data-close.pcapng");

    await page.getByLabel(capture.fileLabel.en).setInputFiles({ name: "broken.pcapng", mimeType: "application/octet-stream", buffer: bytes });
    const alert = page.getByTestId("capture-error");
    await alert.filter({ hasText: "broken.pcapng" }).waitFor();
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await alert.textContent()).toContain(`byte ${offset}`);
    // What was open stays open.
    expect(await page.getByTestId("fact-file").textContent()).toBe("handshake-data-close.pcapng");

    // Dropped on the drop zone, the same file gives the same alert.
    await page.getByTestId("capture-drop-zone").evaluate((zone, data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], "dropped.pcapng"));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, [...bytes]);
    await alert.filter({ hasText: "dropped.pcapng" }).waitFor();
    expect(await alert.textContent()).toContain(`byte ${offset}`);

    // A sample after the error: read, and the alert gone.
    await page.locator('[data-sample="refused-and-reset.pcap"]').click();
    await waitForFact(page, "file", "refused-and-reset.pcap");
    expect(await page.getByTestId("connection").count()).toBe(2);
    expect(await alert.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("in Chinese: a sample, its skipped frames, the steps' notes in Chinese, and a question answered", { timeout: 600_000 }, async () => {
    const name = "refused-and-reset.pcap";
    const replay = replayOf(name);
    const { context, page } = await openPage("zh");
    expect(await page.locator("h1").textContent()).toBe(capture.title.zh);
    expect(await page.locator("main").textContent()).toContain(capture.privacy.zh);
    await page.locator(`[data-sample="${name}"]`).click();
    await waitForFact(page, "file", name);
    expect(await page.getByTestId("fact-skipped").textContent()).toBe(
      [format(capture.skippedReason.zh, { reason: "UDP", count: 1 }), format(capture.skippedReason.zh, { reason: "ICMP", count: 1 })].join("; "),
    );
    // The second connection: the handshake, data and the client's abort.
    const second = replay.connections[1]!;
    await page.getByTestId("connection").nth(1).getByRole("radio").check();
    await stepThrough(page, second, "zh");
    await answerAllRightly(page, second, "zh");
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("a capture with every segment seen twice lists each copy with its duplicate note and rule, the current step's segments marked", { timeout: 600_000 }, async () => {
    const name = "two-interfaces.pcapng";
    const [connection] = replayOf(name).connections;
    const copies = connection!.segments.filter((segment) => segment.notes.some((note) => note.kind === "duplicate"));
    expect(copies.length).toBeGreaterThan(0);
    const { context, page } = await openPage("en");
    await page.locator(`[data-sample="${name}"]`).click();
    await waitForFact(page, "file", name);
    expect(await page.getByTestId("segment-row").count()).toBe(connection!.segments.length);
    for (const copy of copies) {
      const note = copy.notes.find((candidate) => candidate.kind === "duplicate")!;
      const row = page.locator(`[data-testid=segment-row][data-segment="${copy.n}"]`);
      expect(await row.locator("[data-kind=duplicate]").textContent()).toBe(`${capture["noteKind_duplicate"].en} ${note.en} ${format(capture.noteRule.en, { rule: note.rule })}`);
    }
    await page.getByTestId("step-forward").click();
    expect(await page.locator("[data-testid=segment-row][aria-current=step]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-segment")))).toEqual(["1"]);
    await context.close();
  });

  it("the sample route serves a sample by exact name, and answers anything else 404, never a file", async () => {
    const { context, page } = await openPage("en");
    const good = await page.request.get(`${appUrl}/learn/capture/samples/raw-ip.pcap`);
    expect(good.status()).toBe(200);
    expect(good.headers()["content-type"]).toBe("application/vnd.tcpdump.pcap");
    expect(good.headers()["cache-control"]).toBe("public, max-age=86400");
    expect(new Uint8Array(await good.body())).toEqual(new Uint8Array(sampleBytes("raw-ip.pcap")));
    for (const path of ["..%2Fpackage.json", "%2E%2E%2F%2E%2E%2Fpackage.json", "..%5Cpackage.json", "README.md", "no-such.pcap", "raw-ip.pcap%00"]) {
      const reply = await page.request.get(`${appUrl}/learn/capture/samples/${path}`);
      expect(reply.status(), path).toBe(404);
      expect(await reply.text(), path).not.toContain('"name": "synack"');
    }
    await context.close();
  });
});
