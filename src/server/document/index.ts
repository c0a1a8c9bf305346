// The document area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./copy-document";
export * from "./document-crypto";
export * from "./document-keys";
export * from "./document-limits";
export * from "./read-document";
export * from "./store-document";
