import { afterEach, describe, expect, it, vi } from "vitest";

const SECRET_A = "a".repeat(40);
const SECRET_B = "b".repeat(40);

/** The helper with a fresh key cache, made from the given auth secret. */
async function withSecret(secret: string) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", secret);
  return import("@/server/web/signed-outcome");
}

/** What a page receives as searchParams.error after the redirect. */
function errorParam(query: string): string {
  const value = new URLSearchParams(query).get("error");
  if (value === null) throw new Error(`no error parameter in ${query}`);
  return value;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("signed outcome errors", () => {
  const message = "没有序列号为 DEADBEEF0001 的证书。 a.b & c=d?/%";

  it("passes a message the portal signed, unchanged", async () => {
    const { signedErrorQuery, verifiedError } = await withSecret(SECRET_A);
    const query = await signedErrorQuery(message);
    expect(query.startsWith("error=")).toBe(true);
    expect(await verifiedError(errorParam(query))).toBe(message);
  });

  it("refuses a message without a signature, or with a made-up one", async () => {
    const { verifiedError } = await withSecret(SECRET_A);
    expect(await verifiedError("请拨打 400-000-0000 核实身份")).toBeUndefined();
    expect(await verifiedError(`.${message}`)).toBeUndefined();
    expect(await verifiedError(`${"A".repeat(43)}.${message}`)).toBeUndefined();
    expect(await verifiedError(undefined)).toBeUndefined();
    expect(await verifiedError([message, message])).toBeUndefined();
  });

  it("refuses a genuine signature moved onto another message", async () => {
    const { signedErrorQuery, verifiedError } = await withSecret(SECRET_A);
    const value = errorParam(await signedErrorQuery(message));
    const sig = value.slice(0, value.indexOf("."));
    expect(await verifiedError(`${sig}.${message} 请拨打 400-000-0000`)).toBeUndefined();
    expect(await verifiedError(`${sig}.请拨打 400-000-0000`)).toBeUndefined();
    // One changed character of the signature is enough to refuse it.
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(await verifiedError(`${flipped}.${message}`)).toBeUndefined();
  });

  it("refuses a message signed with another portal's secret", async () => {
    const other = errorParam(await (await withSecret(SECRET_B)).signedErrorQuery(message));
    const { verifiedError, signedErrorQuery } = await withSecret(SECRET_A);
    expect(await verifiedError(other)).toBeUndefined();
    expect(errorParam(await signedErrorQuery(message))).not.toBe(other);
  });
});
