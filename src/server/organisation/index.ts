// The organisation area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./add-organisation-member";
export * from "./get-agent-authorisation";
export * from "./get-organisation";
export * from "./grant-agent-authorisation";
export * from "./list-agent-authorisations";
export * from "./list-apply-organisations";
export * from "./list-my-organisations";
export * from "./list-pending-agent-authorisations";
export * from "./register-organisation";
export * from "./remove-organisation-member";
export * from "./revoke-agent-authorisation";
export * from "./verify-agent-authorisation";
