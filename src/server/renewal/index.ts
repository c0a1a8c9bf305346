// The renewal area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./request-change";
export * from "./request-renewal";
export * from "./supersede-predecessor";
export * from "./sweep-expiry-reminders";
export * from "./sweep-supersession";
