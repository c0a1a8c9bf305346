export * from "./kinds";
export * from "./rules";
export * from "./allowed-actions";
