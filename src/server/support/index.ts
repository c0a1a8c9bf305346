// The support area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./assign-support-request";
export * from "./close-support-request";
export * from "./get-support-request";
export * from "./list-my-support-requests";
export * from "./list-support-queue";
export * from "./open-support-request";
export * from "./reply-to-support-request";
