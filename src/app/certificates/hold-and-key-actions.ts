"use server";

import { getLocale } from "next-intl/server";
import { formatDateTime } from "@/i18n/format";
import { defineAction, defineStep, formText } from "@/server/web/define-action";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { requestHoldRelease } from "@/server/revocation/request-hold-release";
import { requestRevocation } from "@/server/revocation/request-revocation";
import type { SUBSCRIBER_REVOCATION_REASONS } from "@/domain/revocation";

type SubscriberRevocationReason = (typeof SUBSCRIBER_REVOCATION_REASONS)[number];

const certificatePage = (input: { certificateId: string }) => `/certificates/${input.certificateId}`;

/** The holder's release request (clause 1.4): how the key was found, and the box saying nobody else had it. */
export const requestHoldReleaseAction = defineAction({
  read: (form) => ({ certificateId: formText(form, "certificateId"), note: formText(form, "note"), keyNotShared: formText(form, "keyNotShared") === "yes" }),
  run: requestHoldRelease,
  revalidate: certificatePage,
  done: (r): { requestId?: string } => ({ requestId: r.id }),
});

/** Step 1 of a revocation proven by the key: the server's challenge, bound to certificate, requester and reason. */
export const revocationChallengeStep = defineStep({
  run: (ctx, input: { certificateId: string; reason: SubscriberRevocationReason }) => issueRevocationChallenge(ctx, input),
  done: (r) => ({ challenge: r.challenge }),
});

/** Step 2: the request with the signature made in this browser; the server verifies it and it is compliant at once. */
export const keyRevocationStep = defineStep({
  run: async (ctx, input: { certificateId: string; reason: SubscriberRevocationReason; keySignature: { challenge: string; signature: string } }) => {
    const r = await requestRevocation(ctx, input);
    const locale = await getLocale();
    const at = (iso: string | null) => (iso ? formatDateTime(iso, locale, { seconds: true }) : "");
    return { requestId: r.id, status: r.status, times: r.times, shown: { compliantAt: at(r.times.compliantAt), dueAt: at(r.times.dueAt) } };
  },
});
