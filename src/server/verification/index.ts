// The verification area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./input-limits";
export * from "./render-evidence-report";
export * from "./verification-context";
export * from "./verify-certificate-file";
export * from "./verify-signature";
export * from "./verify-timestamp";
