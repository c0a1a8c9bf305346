// The agreement area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./accept-agreement";
export * from "./acceptance-covering-application";
export * from "./agreement-gate";
export * from "./agreement-schema";
export * from "./agreement-store";
export * from "./current-agreement";
export * from "./list-agreement-versions-for-admin";
export * from "./list-my-acceptances";
export * from "./list-published-agreement-versions";
export * from "./publish-agreement-version";
export * from "./record-paper-acceptance";
export * from "./require-accepted-agreement";
export * from "./seed-default-agreement";
