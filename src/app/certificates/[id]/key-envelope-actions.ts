"use server";

import { defineStep } from "@/server/web/define-action";
import { getKeyEnvelope } from "@/server/kmc";

/** GM/T 0034: hands this browser the encryption key's SM2EnvelopedKey; it is opened here, in the browser, with the signing key. */
export const keyEnvelopeStep = defineStep({
  run: (ctx, input: { certificateId: string }) => getKeyEnvelope(ctx, input),
});
