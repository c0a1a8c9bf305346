"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { openSupportRequest } from "@/server/support/open-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";

export type SupportFormState = { status: "idle" } | { status: "error"; message: string };

async function refusal(e: unknown): Promise<SupportFormState> {
  if (!isDomainError(e)) throw e;
  return { status: "error", message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
}

export async function openSupportRequestAction(_prev: SupportFormState, form: FormData): Promise<SupportFormState> {
  let id: string;
  try {
    const certificateId = String(form.get("certificateId") ?? "");
    const r = await openSupportRequest(await serviceContext(), {
      subject: String(form.get("subject") ?? ""),
      body: String(form.get("body") ?? ""),
      ...(certificateId ? { certificateId } : {}),
    });
    id = r.requestId;
  } catch (e) {
    return refusal(e);
  }
  redirect(`/support/${id}`);
}

export async function replySupportAction(_prev: SupportFormState, form: FormData): Promise<SupportFormState> {
  const requestId = String(form.get("requestId") ?? "");
  try {
    await replyToSupportRequest(await serviceContext(), { requestId, body: String(form.get("body") ?? "") });
  } catch (e) {
    return refusal(e);
  }
  // The thread is the page the reply was sent from: drop its cached render before going back to it.
  revalidatePath(`/support/${requestId}`);
  redirect(`/support/${requestId}`);
}
