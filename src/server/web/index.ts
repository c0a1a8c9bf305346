// The web area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./action-outcome";
export * from "./action-state";
export * from "./auth";
export * from "./define-action";
export * from "./guards";
export * from "./service-context";
export * from "./session";
export * from "./signed-outcome";
