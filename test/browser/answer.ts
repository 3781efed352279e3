import type { Page } from "playwright-core";

/** Answers the question on screen with its own input, as a person at the keyboard would (not necessarily rightly), and waits for the verdict. */
export async function answerOnScreen(page: Page): Promise<string> {
  const input = await submitOnScreen(page);
  await page.getByTestId("answer-panel").waitFor();
  return input;
}

/** Enters and sends an answer to the question on screen, without waiting for a verdict (the server may refuse it). */
export async function submitOnScreen(page: Page): Promise<string> {
  const question = page.getByTestId("question");
  await question.waitFor();
  const input = (await question.getAttribute("data-input"))!;
  switch (input) {
    case "choice":
      await page.keyboard.press("1");
      await page.keyboard.press("Enter");
      break;
    case "segment":
      await question.getByLabel("Flags", { exact: true }).fill("ack");
      await question.getByLabel("seq", { exact: true }).fill("1");
      await question.getByLabel("ack (empty if the ACK bit is off)", { exact: true }).fill("2");
      await question.getByLabel("Flags", { exact: true }).press("Enter");
      break;
    case "number":
      await question.getByLabel("Your answer", { exact: true }).fill("12345");
      await question.getByLabel("Your answer", { exact: true }).press("Enter");
      break;
    case "order":
      await question.getByRole("button", { name: /^Move down/ }).first().click();
      await question.getByRole("button", { name: "Submit" }).click();
      break;
    case "match": {
      const selects = question.getByRole("combobox");
      for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: i + 1 });
      await question.getByRole("button", { name: "Submit" }).click();
      break;
    }
    case "self-grade":
      await question.getByLabel(/Your answer/).fill("Because old duplicate segments must not be mistaken for new ones.");
      await question.getByRole("button", { name: "Compare with the key points" }).click();
      await question.getByRole("checkbox").first().check();
      await question.getByRole("button", { name: "Submit self-grade" }).click();
      break;
    default:
      throw new Error(`no way to answer a ${input} question`);
  }
  return input;
}
