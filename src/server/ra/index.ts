// The ra area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./approve-application";
export * from "./create-registration-authority";
export * from "./get-application-review";
export * from "./list-registration-authorities";
export * from "./ra-work-queue";
export * from "./record-payment";
export * from "./reject-application";
export * from "./request-more-information";
export * from "./retire-registration-authority";
export * from "./seed-default-registration-authority";
