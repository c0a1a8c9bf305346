// The ca-service area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./ca-config";
export * from "./ca-errors";
export * from "./ca-records";
export * from "./ca-service";
export * from "./certificate-status-lookup";
export * from "./crl-publisher";
export * from "./ensure-ca-hierarchy";
export * from "./list-ca-certificates";
export * from "./load-ca";
export * from "./pki-http";
export * from "./publish-crls-now";
export * from "./publish-status";
export * from "./wire-context";
export * from "./signed-receipt";
export * from "./status-announcements";
