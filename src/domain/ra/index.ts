export * from "./allowed-actions";
