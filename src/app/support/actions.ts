"use server";

import { defineAction } from "@/server/web/define-action";
import { openSupportRequest } from "@/server/support/open-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";

/** Opens the request and shows its thread; a refusal stays on the form. */
export const openSupportRequestAction = defineAction({
  read: (form) => {
    const certificateId = String(form.get("certificateId") ?? "");
    return { subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? ""), ...(certificateId ? { certificateId } : {}) };
  },
  run: openSupportRequest,
  redirectTo: (r) => `/support/${r.requestId}`,
});

export const replySupportAction = defineAction({
  read: (form) => ({ requestId: String(form.get("requestId") ?? ""), body: String(form.get("body") ?? "") }),
  run: replyToSupportRequest,
  // The thread is the page the reply was sent from: drop its cached render before going back to it.
  revalidate: (input) => `/support/${input.requestId}`,
  redirectTo: (_r, input) => `/support/${input.requestId}`,
});
