// The second-factor area's public face (multi-factor sign-in, issue 12): TOTP with recovery codes,
// passkeys, the sign-in check, and the administrator's reset. Other areas import this file only.
export * from "./check-sign-in-factor";
export * from "./confirm-totp-enrolment";
export * from "./get-my-second-factors";
export * from "./list-staff-second-factors";
export * from "./passkey-options";
export * from "./recovery-codes";
export * from "./regenerate-recovery-codes";
export * from "./register-passkey";
export * from "./remove-second-factor";
export * from "./reset-second-factors";
export * from "./start-totp-enrolment";
export * from "./totp";
export * from "./enrol-totp-directly";
