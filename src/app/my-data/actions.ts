"use server";

import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import type { DeletionOutcome } from "@/server/privacy/deletion-outcome";
import { requestDeletion } from "@/server/privacy/request-deletion";

export type DeletionState = { status: "idle" } | { status: "error"; message: string } | { status: "done"; outcome: DeletionOutcome };

export async function requestDeletionAction(_prev: DeletionState, form: FormData): Promise<DeletionState> {
  try {
    const outcome = (await requestDeletion(await serviceContext(), { confirm: (form.get("confirm") === "on") as true })) as DeletionOutcome;
    return { status: "done", outcome };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { status: "error", message: errorMessage(e.code, catalogLang(await getLocale()), e.details) };
  }
}
