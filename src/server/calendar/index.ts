// The calendar area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./calendar-store";
export * from "./calendar-views";
export * from "./import-calendar-year";
export * from "./seed-calendar";
