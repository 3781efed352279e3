import { describe, expect, it } from "vitest";
import { checkContent, kindOf, type ContentFile } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";

const samples = loadContentFiles("content/captures");

function quizFile(captures: string): ContentFile {
  return {
    path: "content/quizzes/from-capture.yaml",
    text: `id: from-capture\ntitle: {zh: 抓包, en: Capture}\ncaptures:\n${captures}`,
  };
}

describe("sample captures in content", () => {
  it("are read as bytes, not text, and are not counted as text files", () => {
    expect(kindOf("content/captures/raw-ip.pcap")).toBe("capture");
    expect(kindOf("content/notes/raw-ip.pcap")).toBeNull();
    const sample = samples.find((file) => file.path === "content/captures/handshake-data-close.pcapng")!;
    expect(sample.bytes!.length).toBeGreaterThan(0);
    expect(sample.text).toBe("");
    expect(checkContent(samples).problems).toEqual([]);
  });

  it("a quiz naming a sample and connection that exist passes", () => {
    const report = checkContent([...samples, quizFile("  - capture: sample:handshake-data-close.pcapng\n    count: 2\n")]);
    expect(report.problems).toEqual([]);
    expect(report.quizzes[0]!.captures).toEqual([{ capture: "sample:handshake-data-close.pcapng", connection: 1, count: 2 }]);
  });

  it("reports a sample that does not exist at its line", () => {
    const report = checkContent([...samples, quizFile("  - capture: sample:handshake.pcapng\n    count: 2\n")]);
    expect(report.problems.map((problem) => `${problem.path}:${problem.line}: ${problem.message}`)).toMatchInlineSnapshot(`
      [
        "content/quizzes/from-capture.yaml:4: no sample capture "handshake.pcapng" in content/captures; samples: any-interface-sll.pcap, any-interface-sll2.pcap, bsd-loopback.pcapng, half-close-ipv6.pcap, handshake-data-close.pcapng, raw-ip.pcap, refused-and-reset.pcap, two-interfaces.pcapng",
      ]
    `);
    expect(report.quizzes).toEqual([]);
  });

  it("reports a connection the sample does not have at its line", () => {
    const report = checkContent([...samples, quizFile("  - capture: sample:half-close-ipv6.pcap\n    count: 1\n    connection: 3\n")]);
    expect(report.problems.map((problem) => `${problem.path}:${problem.line}: ${problem.message}`)).toEqual([
      "content/quizzes/from-capture.yaml:6: half-close-ipv6.pcap has 1 TCP connection, no connection 3",
    ]);
  });

  it("leaves uploads to the builder", () => {
    expect(checkContent([...samples, quizFile("  - capture: upload:abc123\n    count: 1\n")]).problems).toEqual([]);
  });
});
