"use server";

import { defineAction } from "@/server/web/define-action";
import type { DeletionOutcome } from "@/server/privacy/deletion-outcome";
import { requestDeletion } from "@/server/privacy/request-deletion";

/** Answers with what was deleted and what is kept (and why), which the page lists. */
export const requestDeletionAction = defineAction({
  read: (form) => ({ confirm: (form.get("confirm") === "on") as true }),
  run: requestDeletion,
  done: (outcome) => outcome as DeletionOutcome,
});
