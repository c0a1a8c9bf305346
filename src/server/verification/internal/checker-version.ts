import pkg from "../../../../package.json";

/** Named in every evidence report, so a report can be re-checked with the same software. */
export const CHECKER = {
  name: "subscriber-portal verification service",
  version: (pkg as { version?: string }).version ?? "0.0.0",
  engine: "src/ca/verify",
} as const;
