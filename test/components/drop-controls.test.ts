import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DropControls } from "@/components/learn/drop-controls";
import { runScenario } from "@/lib/sim";

const render = (name: string) =>
  renderToStaticMarkup(createElement(DropControls, { trace: runScenario(name), lose: [], ownLosses: new Set<number>(), lang: "en", onToggle: () => undefined, onClear: () => undefined }));

describe("DropControls", () => {
  it("says which way each segment goes, in text as well as by arrow", () => {
    const html = render("open");
    expect(html).toContain("(Client → Server)");
    expect(html).toContain("(Server → Client)");
  });

  it("shows a self-connect's segments coming back to their sender", () => {
    const html = render("self-connect");
    expect(html).toContain("↺");
    expect(html).toContain("(Client → Client)");
    expect(html).not.toContain("(Client → Server)");
  });
});
