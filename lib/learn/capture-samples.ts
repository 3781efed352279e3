/**
 * The sample captures that ship in content/captures, by exact file name: the
 * only names the sample route serves (nothing else in that folder, no path).
 * content/captures/README.md says what each holds; test/learn/capture-samples.test.ts
 * holds this list to the folder.
 */
export const SAMPLE_CAPTURES = [
  "handshake-data-close.pcapng",
  "half-close-ipv6.pcap",
  "refused-and-reset.pcap",
  "two-interfaces.pcapng",
  "any-interface-sll2.pcap",
  "any-interface-sll.pcap",
  "raw-ip.pcap",
  "bsd-loopback.pcapng",
] as const;
export type SampleCapture = (typeof SAMPLE_CAPTURES)[number];

export function findSampleCapture(name: string): SampleCapture | undefined {
  return SAMPLE_CAPTURES.find((sample) => sample === name);
}

/** pcap has a media type in IANA's registry (application/vnd.tcpdump.pcap); pcapng has none registered, so a private one. */
export function captureContentType(name: SampleCapture): string {
  return name.endsWith(".pcapng") ? "application/x-pcapng" : "application/vnd.tcpdump.pcap";
}

export function sampleCaptureHref(name: SampleCapture): string {
  return `/learn/capture/samples/${encodeURIComponent(name)}`;
}
