"use server";

import { approveRequest, rejectRequest } from "@/server/approval";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";

const back = (form: FormData) => `/admin/approvals/${encodeURIComponent(field(form, "requestId"))}`;

/** Another administrator agrees; the approval that completes the count runs the action (approveRequest). */
export const approveRequestAction = defineRedirectAction({
  ok: "approvalDecided",
  back,
  run: (ctx, form) => approveRequest(ctx, { requestId: field(form, "requestId"), comment: field(form, "comment") || undefined }),
});

/** One rejection rejects (rejectRequest). */
export const rejectRequestAction = defineRedirectAction({
  ok: "approvalRejected",
  back,
  run: (ctx, form) => rejectRequest(ctx, { requestId: field(form, "requestId"), comment: field(form, "comment") || undefined }),
});
