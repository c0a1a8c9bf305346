// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import type { Role } from "@/generated/prisma/client";
import {
  seedApplication, seedCertificate, seedCessationOff, seedDeletionRequest, seedObjection, seedProvisionalDeadline, seedRenewal, seedRevocationRequest, seedStaff,
} from "@/testing/e2e/console-seeds";
import { inspectApplication, inspectApproval, inspectAudit, inspectCertificate } from "@/testing/e2e/inspect";

type Body =
  | { action: "application"; applicantEmail: string; status?: "SUBMITTED" | "APPROVED"; kind?: "NEW" | "CHANGE" | "RENEW"; registrationAuthorityId?: string; withDocument?: boolean; applicantAccepted?: boolean; feeCents?: number }
  | { action: "revocation-request"; subscriberEmail: string; officerEmail: string }
  | { action: "staff"; email: string; password: string; roles: Role[]; registrationAuthorityId?: string; totpSecret?: string }
  | { action: "inspect-application"; applicationId: string }
  | { action: "certificate"; subscriberEmail: string; officerEmail: string; csrPem?: string; profileCode?: string }
  | { action: "renewal"; subscriberEmail: string; officerEmail: string; certificateId: string }
  | { action: "objection"; subscriberEmail: string; officerEmail: string; reason: string }
  | { action: "provisional-deadline"; subscriberEmail: string; officerEmail: string }
  | { action: "deletion-request"; subscriberEmail: string; officerEmail: string }
  | { action: "cessation-off"; adminEmail: string }
  | { action: "inspect-certificate"; certificateId: string }
  | { action: "inspect-audit"; auditAction: string }
  | { action: "inspect-approval"; approvalId: string };

/** Seeds what a console journey starts from, or reads back what it changed (see src/testing/e2e/console-seeds.ts and inspect.ts). */
export async function POST(req: Request) {
  const body = (await req.json()) as Body;
  const db = (await getDatabase()).prisma;
  try {
    switch (body.action) {
      case "application":
        return Response.json(await seedApplication(db, body));
      case "revocation-request":
        return Response.json(await seedRevocationRequest(db, body));
      case "staff":
        return Response.json(await seedStaff(db, body));
      case "certificate":
        return Response.json(await seedCertificate(db, body));
      case "renewal":
        return Response.json(await seedRenewal(db, body));
      case "objection":
        return Response.json(await seedObjection(db, body));
      case "provisional-deadline":
        return Response.json(await seedProvisionalDeadline(db, body));
      case "deletion-request":
        return Response.json(await seedDeletionRequest(db, body));
      case "cessation-off":
        return Response.json(await seedCessationOff(db, body));
      case "inspect-audit":
        return Response.json(await inspectAudit(db, body.auditAction));
      case "inspect-certificate":
        return Response.json(await inspectCertificate(db, body.certificateId));
      case "inspect-approval":
        return Response.json(await inspectApproval(db, body.approvalId));
      case "inspect-application":
        return Response.json(await inspectApplication(db, body.applicationId));
    }
  } catch (e) {
    return Response.json({ error: String(e), details: (e as { details?: unknown }).details ?? null }, { status: 500 });
  }
  return Response.json({ error: "unknown action" }, { status: 400 });
}
