import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApplication } from "@/server/application/get-application";
import { listMyApplications } from "@/server/application/list-my-applications";
import { issueWithServerKey } from "@/server/certificate/issue-with-server-key";
import { makeApplication, openWorld, sh, type World } from "./fixtures";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:00"));
});
afterAll(async () => {
  await w?.close();
});

const STRONG = "Correct-Horse-42-电池";

async function flags(applicationId: string) {
  const one = await getApplication(w.as("bob"), { applicationId });
  const listed = (await listMyApplications(w.as("bob"), {})).find((a) => a.id === applicationId);
  return { step: one.serverKeyStep, ready: one.serverKeyReady, listed: listed?.serverKeyReady };
}

describe("serverKeyReady: may the applicant give the PKCS#12 password now", () => {
  it("only for an approved, settled, not yet issued server-key application, in the detail and in the list alike", async () => {
    const ready = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12", feeStatus: "PAID" });
    expect(await flags(ready.applicationId)).toEqual({ step: "READY", ready: true, listed: true });

    const free = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12", feeStatus: "NOT_REQUIRED" });
    expect(await flags(free.applicationId)).toEqual({ step: "READY", ready: true, listed: true });

    const unpaid = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12", feeStatus: "UNPAID" });
    expect(await flags(unpaid.applicationId)).toEqual({ step: "AWAITING_FEE", ready: false, listed: false });

    const inReview = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12", status: "SUBMITTED", feeStatus: "PAID" });
    expect(await flags(inReview.applicationId)).toEqual({ step: "LATER", ready: false, listed: false });

    const csr = await makeApplication(w, { applicant: "bob", keyGeneration: "CLIENT_CSR", feeStatus: "PAID" });
    expect(await flags(csr.applicationId)).toEqual({ step: "NONE", ready: false, listed: false });

    // The flag agrees with the use case: where it said READY, issuance goes through, and then it is off.
    await issueWithServerKey(w.as("bob"), { applicationId: ready.applicationId, pkcs12Password: STRONG });
    expect(await flags(ready.applicationId)).toEqual({ step: "NONE", ready: false, listed: false });
    // Where it said AWAITING_FEE, the use case refuses for the same reason.
    await expect(issueWithServerKey(w.as("bob"), { applicationId: unpaid.applicationId, pkcs12Password: STRONG })).rejects.toMatchObject({ code: "APPLICATION_FEE_UNPAID" });
  });
});
