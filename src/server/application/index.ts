// The application area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./application-access";
export * from "./application-status";
export * from "./assignable-ra";
export * from "./attach-csr";
export * from "./attach-document";
export * from "./cancel-application";
export * from "./choose-key-generation";
export * from "./create-application";
export * from "./discard-draft";
export * from "./draft-progress";
export * from "./ensure-certificate-profiles";
export * from "./get-application";
export * from "./get-draft-for-wizard";
export * from "./list-my-applications";
export * from "./list-my-drafts";
export * from "./list-profiles-for-admin";
export * from "./list-profiles";
export * from "./ready-for-issuance";
export * from "./remove-document";
export * from "./resubmit-application";
export * from "./seed-certificate-profiles";
export * from "./set-profile-commercials";
export * from "./subject-details";
export * from "./submission";
export * from "./submit-application";
export * from "./update-application-details";
