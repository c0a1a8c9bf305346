// The revocation area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./ca-revocation-views";
export * from "./carry-out-revocation";
export * from "./confirm-revocation-request";
export * from "./get-revocation-case";
export * from "./get-revocation-receipt";
export * from "./get-revocation-receipt-view";
export * from "./issue-revocation-challenge";
export * from "./list-revocation-requests";
export * from "./preview-revocation-batch";
export * from "./reject-revocation-request";
export * from "./report-loss";
export * from "./request-hold-release";
export * from "./request-revocation";
export * from "./revocation-batch-views";
export * from "./revocation-sla-view";
export * from "./revoke-by-ca";
export * from "./revoke-certificate";
export * from "./start-revocation-batch";
export * from "./sweep-revocation-batches";
export * from "./sweep-revocation-sla-alerts";
