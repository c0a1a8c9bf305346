"use server";

import { requestChange } from "@/server/renewal/request-change";
import { defineAction, formText } from "@/server/web/define-action";

/**
 * "My details changed" on the certificate page: starts the change application (clause 1.1, 2.2)
 * and goes to its page, where the applicant edits the details, adds documents and submits.
 */
export const requestChangeAction = defineAction({
  read: (form) => ({ certificateId: formText(form, "certificateId") }),
  run: requestChange,
  redirectTo: (r) => `/applications/${r.applicationId}`,
  done: (): { requestId?: string } => ({}),
});
