/** The capture reader's public entry point: pcap and pcapng bytes in, TCP segments out. */
export { readCapture } from "./read-capture";
export { CaptureError } from "./capture-error";
export { MAX_FRAME_BYTES } from "./frame-collector";
export * from "./types";
