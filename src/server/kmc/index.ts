// The key-management component's public face (GM/T 0034 dual certificates): escrow of the
// encryption keys it makes, and the subscriber's enveloped copy. Other areas import this file only.
export * from "./escrow-encryption-key";
export * from "./get-key-envelope";
export * from "./recover-escrowed-key";
export * from "./recovery-recipient";
