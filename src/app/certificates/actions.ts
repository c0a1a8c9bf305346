"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { raiseObjection } from "@/server/certificate/raise-objection";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestRevocation } from "@/server/revocation/request-revocation";

export type CertActionState = { status: "idle" } | { status: "error"; message: string } | { status: "done"; requestId?: string };

async function attempt(certificateId: string, fn: () => Promise<{ requestId?: string } | void>): Promise<CertActionState> {
  try {
    const r = await fn();
    revalidatePath(`/certificates/${certificateId}`);
    return { status: "done", ...(r && r.requestId ? { requestId: r.requestId } : {}) };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { status: "error", message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
}

const idOf = (form: FormData) => String(form.get("certificateId") ?? "");
const noteOf = (form: FormData) => {
  const n = String(form.get("note") ?? "").trim();
  return n ? { note: n } : {};
};

export async function acceptCertificateAction(_p: CertActionState, form: FormData): Promise<CertActionState> {
  const certificateId = idOf(form);
  return attempt(certificateId, async () => {
    await acceptCertificate(await serviceContext(), { certificateId });
  });
}

export async function raiseObjectionAction(_p: CertActionState, form: FormData): Promise<CertActionState> {
  const certificateId = idOf(form);
  const testResultId = String(form.get("testResultId") ?? "");
  return attempt(certificateId, async () => {
    await raiseObjection(await serviceContext(), { certificateId, reason: String(form.get("reason") ?? ""), ...(testResultId ? { testResultId } : {}) });
  });
}

export async function reportLossAction(_p: CertActionState, form: FormData): Promise<CertActionState> {
  const certificateId = idOf(form);
  return attempt(certificateId, async () => {
    const r = await reportLoss(await serviceContext(), { certificateId, ...noteOf(form) });
    return { requestId: r.request.id };
  });
}

export async function requestRevocationAction(_p: CertActionState, form: FormData): Promise<CertActionState> {
  const certificateId = idOf(form);
  return attempt(certificateId, async () => {
    const r = await requestRevocation(await serviceContext(), { certificateId, reason: String(form.get("reason") ?? "UNSPECIFIED") as "UNSPECIFIED", ...noteOf(form) });
    return { requestId: r.id };
  });
}
