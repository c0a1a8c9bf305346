// The account area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./get-link-state";
export * from "./get-my-account";
export * from "./list-my-notifications";
export * from "./password";
export * from "./request-password-reset";
export * from "./resend-verification";
export * from "./reset-password";
export * from "./set-preferred-locale";
export * from "./sign-in";
export * from "./sign-up";
export * from "./verify-email";
