export * from "./allowed-actions";
export * from "./deadline-policy";
