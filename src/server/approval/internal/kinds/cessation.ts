import { enterCessation, enterCessationInput, leaveCessation, leaveCessationInput } from "@/server/privacy";
import { approvable } from "../approvable";

/** Clause 6.1: cessation stops sign-ups and applications for everyone and tells every subscriber. */
export const cessationOn = approvable({
  kind: "CESSATION_ON",
  input: enterCessationInput,
  run: enterCessation,
  async describe(_tx, input) {
    return { facts: { successor: input.successor ?? null, note: input.note ?? null } };
  },
});

/** Leaving cessation opens sign-ups and applications again. */
export const cessationOff = approvable({
  kind: "CESSATION_OFF",
  input: leaveCessationInput,
  run: leaveCessation,
  async describe(_tx, input) {
    return { facts: { reason: input.reason } };
  },
});
