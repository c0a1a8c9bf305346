"use server";

import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { attachCsr } from "@/server/application/attach-csr";
import { chooseKeyGeneration } from "@/server/application/choose-key-generation";
import { createApplication } from "@/server/application/create-application";
import { submitApplication } from "@/server/application/submit-application";
import type { Declarations } from "@/server/application/submission";
import { serviceContext } from "@/server/auth/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { recordIdentity } from "@/server/subscriber/record-identity";

/** Each wizard step's answer: its result, or the refusal in the reader's language. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string; fields: string[]; missing?: string[] };

async function step<T>(fn: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const issues = (e.details.issues ?? {}) as Record<string, unknown>;
    // DOCUMENTS_MISSING names the kinds: the wizard shows them with their labels.
    const missing = Array.isArray(e.details.missing) ? e.details.missing.map(String) : undefined;
    return { ok: false, code: e.code, message: errorMessage(e.code, catalogLang(await getLocale()), e.details), fields: Object.keys(issues), ...(missing ? { missing } : {}) };
  }
}

export async function recordIdentityStep(input: { legalName: string; type: string; number: string; organisationId?: string }) {
  return step(async () => {
    const r = await recordIdentity(await serviceContext(), {
      legalName: input.legalName,
      idDocument: { type: input.type as "RESIDENT_ID_CARD", number: input.number },
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
    });
    return { identityId: r.identityId };
  });
}

export async function acceptAgreementStep(input: { version: number; contentHash: string; locale: "zh-CN" | "en"; context?: "APPLY" | "DOWNLOAD" | "RENEW"; onBehalfOfOrganisationId?: string }) {
  return step(async () => {
    await acceptAgreement(await serviceContext(), { ...input, context: input.context ?? "APPLY" });
    return true;
  });
}

export async function createApplicationStep(input: {
  profileCode: string;
  /** Absent for an organisation certificate that names no person (a seal), or when the organisation's latest holder is meant. */
  identityId?: string;
  /** Set when applying for an organisation. */
  organisationId?: string;
  province?: string;
  city?: string;
  department?: string;
  sealName?: string;
  usageScope: { kind: "项目" | "系统" | "平台"; name: string };
}) {
  return step(async () => {
    const optional = { province: input.province, city: input.city, department: input.department, sealName: input.sealName };
    const r = await createApplication(await serviceContext(), {
      kind: "NEW",
      profileCode: input.profileCode,
      ...(input.identityId ? { subscriberIdentityId: input.identityId } : {}),
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      keyGeneration: "CLIENT_CSR",
      subjectDetails: { country: "CN", ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)), usageScope: input.usageScope },
    });
    return { applicationId: r.applicationId };
  });
}

export async function attachCsrStep(input: { applicationId: string; csrPem: string }) {
  return step(async () => attachCsr(await serviceContext(), input));
}

export async function submitStep(input: { applicationId: string; declarations: Declarations }) {
  return step(async () => submitApplication(await serviceContext(), input));
}

export async function chooseKeyGenerationStep(input: { applicationId: string; keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12" }) {
  return step(async () => chooseKeyGeneration(await serviceContext(), input));
}
