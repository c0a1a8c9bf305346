export * from "./certificate-status";
export * from "./certificate-actions";
