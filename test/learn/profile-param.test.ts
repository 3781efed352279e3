import { describe, expect, it } from "vitest";
import { diagramSearch, parseProfileParam } from "@/lib/learn/profile-param";
import { parseLose, scenarioHref } from "@/lib/learn/scenario-href";

describe("parseProfileParam", () => {
  it("is the default profile when the address names none", () => {
    expect(parseProfileParam(undefined)).toEqual({ profile: "rfc9293" });
  });

  it.each(["rfc9293", "linux"] as const)("takes %s", (profile) => {
    expect(parseProfileParam(profile)).toEqual({ profile });
  });

  it.each([["bsd"], ["Linux"], [""], [["linux", "linux"]]])("shows the default for %j and keeps the value to say so", (value) => {
    const text = Array.isArray(value) ? value.join(",") : value;
    expect(parseProfileParam(value)).toEqual({ profile: "rfc9293", unknown: text });
  });
});

describe("scenarioHref", () => {
  it("leaves the default profile out of the address", () => {
    expect(scenarioHref("open")).toBe("/learn/scenarios?name=open");
    expect(scenarioHref("open", [], "rfc9293")).toBe("/learn/scenarios?name=open");
  });

  it("puts the losses, sorted, and another profile in the address", () => {
    expect(scenarioHref("lost-fin", [3, 2], "linux")).toBe("/learn/scenarios?name=lost-fin&lose=2%2C3&profile=linux");
  });

  it("reads the losses back", () => {
    expect(parseLose("3,2,x,2")).toEqual([2, 3]);
  });
});

describe("diagramSearch", () => {
  it("names the state, and the profile unless it is the default", () => {
    expect(diagramSearch("LISTEN", "rfc9293")).toBe("?state=LISTEN");
    expect(diagramSearch("TIME_WAIT", "linux")).toBe("?state=TIME_WAIT&profile=linux");
  });
});
