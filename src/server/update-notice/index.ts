// The update-notice area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./list-my-update-notices";
export * from "./order-update";
export * from "./resolve-update-notice-targets";
export * from "./sweep-update-notice-deadlines";
export * from "./update-notice-options";
export * from "./update-notice-progress";
export * from "./update-selection";
