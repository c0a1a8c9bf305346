// The ca-status area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./admin-overview";
export * from "./ca-services-status";
