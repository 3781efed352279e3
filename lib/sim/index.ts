export * from "./types";
export * from "./simulator";
export * from "./scenarios";
export * from "./state-sequence";
export { classifyArrival, segmentSpace } from "./classify-arrival";
export { ISN_TICKS_PER_MS } from "./endpoint";
export { OLDER_PRESENT, RECONNECT_AT } from "./interview-scenarios";
export { renderSequenceDiagram, describeSegment } from "./sequence-diagram";
