export * from "./application-transitions";
export * from "./allowed-actions";
