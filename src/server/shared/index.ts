// The shared area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./application-kinds";
export * from "./blocked-key";
export * from "./certificate-facts";
export * from "./certificate-lock";
export * from "./certificate-recipients";
export * from "./email";
export * from "./test-challenge";
