"use server";

import { assignSupportRequest } from "@/server/support/assign-support-request";
import { closeSupportRequest } from "@/server/support/close-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";

// The support desk's forms on /ra/support/[id]: each comes back to the thread (the form's `back`
// field, a console path) with its outcome (post/redirect/get); the rules are the use cases'
// (domain/support, auth/support-desk-access).

export const deskReplyAction = defineRedirectAction({
  ok: "answered",
  run: (ctx, f) => replyToSupportRequest(ctx, { requestId: field(f, "requestId"), body: field(f, "body") }),
});

export const deskNoteAction = defineRedirectAction({
  ok: "noted",
  run: (ctx, f) => replyToSupportRequest(ctx, { requestId: field(f, "requestId"), body: field(f, "body"), internal: true }),
});

export const deskCloseAction = defineRedirectAction({
  ok: "closed",
  run: (ctx, f) => closeSupportRequest(ctx, { requestId: field(f, "requestId") }),
});

/** Take (no assignee field) or hand to another officer. */
export const deskAssignAction = defineRedirectAction({
  ok: "assigned",
  run: (ctx, f) => assignSupportRequest(ctx, { requestId: field(f, "requestId"), ...(field(f, "assigneeId") ? { assigneeId: field(f, "assigneeId") } : {}) }),
});
