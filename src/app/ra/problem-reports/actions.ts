"use server";

import { decideProblemReport } from "@/server/problem-report/decide-problem-report";
import { sendPreliminaryReport } from "@/server/problem-report/send-preliminary-report";
import { defineRedirectAction, formText as field } from "@/server/web/define-action";

export const sendPreliminaryAction = defineRedirectAction({
  ok: "preliminarySent",
  run: (ctx, f) => sendPreliminaryReport(ctx, { id: field(f, "id"), text: field(f, "text") }),
});

export const revokeOnReportAction = defineRedirectAction({
  ok: "revoked",
  run: (ctx, f) =>
    decideProblemReport(ctx, {
      id: field(f, "id"),
      outcome: "REVOKE",
      // Empty selections mean the ground's and category's defaults; anything else is checked by the use case.
      ground: (field(f, "ground") || undefined) as never,
      reason: (field(f, "reason") || undefined) as never,
      explanation: field(f, "explanation"),
    }),
});

export const noActionOnReportAction = defineRedirectAction({
  ok: "noAction",
  run: (ctx, f) => decideProblemReport(ctx, { id: field(f, "id"), outcome: "NO_ACTION", explanation: field(f, "explanation") }),
});
