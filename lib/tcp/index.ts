export * from "./states";
export * from "./events";
export * from "./flags";
export * from "./sequence-numbers";
export * from "./outcome";
export * from "./machine";
export * from "./counterfactual-machines";
export { TRANSITIONS } from "./transition-table";
