import labelsEn from "../../../../messages/areas/labels.en.json";
import labelsZh from "../../../../messages/areas/labels.zh-CN.json";
import type { ApprovalKindName } from "@/domain/approval";
import { activeAccountsWithRole, isCaAdmin } from "@/server/auth";
import type { UseCaseScope } from "@/server/core";

/**
 * Tells the other CA administrators that a request waits for their decision: without it a request
 * is seen only by an administrator who happens to open the console, and it expires unread. Every
 * active administrator but the requester is mailed, in their language, with the action's name, the
 * expiry and a link to the request's page (which tells a party to the case that they may not decide).
 */
export async function notifyApprovers(s: UseCaseScope, request: { id: string; kind: ApprovalKindName; requestedById: string; expiresAt: Date }) {
  const admins = await activeAccountsWithRole(s.tx, "CA_ADMIN", request.requestedById);
  for (const admin of admins.filter((a) => isCaAdmin(a))) {
    const labels = admin.locale === "en" ? labelsEn : labelsZh;
    await s.notify({
      userId: admin.id,
      toAddress: admin.email,
      locale: admin.locale,
      template: "approval.waiting",
      payload: { action: labels.enums.ApprovalKind[request.kind], expiresAt: request.expiresAt.toISOString(), path: `/admin/approvals/${request.id}` },
      dedupeKey: `approval-waiting:${request.id}:${admin.id}`,
    });
  }
}
