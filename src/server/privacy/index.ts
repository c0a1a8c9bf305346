// The privacy area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./cessation";
export * from "./deletion-outcome";
export * from "./enter-cessation";
export * from "./export-for-successor";
export * from "./export-my-data";
export * from "./handover-archive";
export * from "./leave-cessation";
export * from "./list-disclosures";
export * from "./list-my-privacy-requests";
export * from "./list-privacy-requests";
export * from "./list-processors";
export * from "./privacy-views";
export * from "./read-retention-policy";
export * from "./record-disclosure";
export * from "./register-processor";
export * from "./request-deletion";
export * from "./set-retention-policy";
export * from "./sweep-retention";
export * from "./update-processor";
