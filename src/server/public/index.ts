// The public area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./list-fee-schedule";
export * from "./query-certificates";
export * from "./rate-limit";
