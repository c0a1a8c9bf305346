// The auth area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./application-review-access";
export * from "./approved-action";
export * from "./certificate-holder";
export * from "./organisation-authority";
export * from "./party-to-case";
export * from "./roles";
export * from "./second-factor-rule";
export * from "./staff-standing";
export * from "./staff-with-role";
export * from "./support-desk-access";
