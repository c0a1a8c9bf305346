// The certificate area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./accept-certificate";
export * from "./certificate-case-views";
export * from "./download-certificate";
export * from "./get-acceptance-receipt";
export * from "./get-acceptance-receipt-view";
export * from "./get-application-certificate";
export * from "./get-certificate-state";
export * from "./get-my-certificate";
export * from "./issue-certificate";
export * from "./issue-test-challenge";
export * from "./issue-with-server-key";
export * from "./list-my-certificates";
export * from "./list-organisation-certificates";
export * from "./raise-objection";
export * from "./read-seal-image";
export * from "./record-hand-over";
export * from "./record-mail-dispatch";
export * from "./record-mail-signed-for";
export * from "./record-receipt";
export * from "./record-test-result";
export * from "./resolve-objection";
export * from "./server-check";
export * from "./store-issued-certificate";
export * from "./sweep-deemed-acceptance";
export * from "./sweep-test-window-reminders";
export * from "./verify-seal-test";
