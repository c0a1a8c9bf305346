// The audit-log area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./check-audit-chain";
export * from "./export-audit-evidence";
export * from "./search-audit-log";
