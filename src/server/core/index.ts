// The core area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./audit-events";
export * from "./audit";
export * from "./auth-secret";
export * from "./ca-port";
export * from "./canonical-json";
export * from "./context";
export * from "./error-catalog";
export * from "./errors";
export * from "./job-lease";
export * from "./logger";
export * from "./outbox";
export * from "./public-key-lock";
export * from "./request-clock";
export * from "./system-task";
export * from "./use-case";
