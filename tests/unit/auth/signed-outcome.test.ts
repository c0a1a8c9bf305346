import { afterEach, describe, expect, it, vi } from "vitest";

const SECRET_A = "a".repeat(40);
const SECRET_B = "b".repeat(40);
const PAGE = "/admin/calendar";

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
    const query = await signedErrorQuery(message, PAGE);
    expect(query.startsWith("error=")).toBe(true);
    expect(await verifiedError(errorParam(query), PAGE)).toBe(message);
  });

  it("refuses a message without a signature, or with a made-up one", async () => {
    const { verifiedError } = await withSecret(SECRET_A);
    expect(await verifiedError("请拨打 400-000-0000 核实身份", PAGE)).toBeUndefined();
    expect(await verifiedError(`.${message}`, PAGE)).toBeUndefined();
    expect(await verifiedError(`${"A".repeat(43)}.${message}`, PAGE)).toBeUndefined();
    expect(await verifiedError(undefined, PAGE)).toBeUndefined();
    expect(await verifiedError([message, message], PAGE)).toBeUndefined();
  });

  it("refuses a genuine signature moved onto another message", async () => {
    const { signedErrorQuery, verifiedError } = await withSecret(SECRET_A);
    const value = errorParam(await signedErrorQuery(message, PAGE));
    const [sig, expires] = value.split(".", 2);
    expect(await verifiedError(`${sig}.${expires}.${message} 请拨打 400-000-0000`, PAGE)).toBeUndefined();
    expect(await verifiedError(`${sig}.${expires}.请拨打 400-000-0000`, PAGE)).toBeUndefined();
    expect(await verifiedError(`${sig}.${message}`, PAGE)).toBeUndefined();
    // One changed character of the signature is enough to refuse it.
    const flipped = (sig![0] === "A" ? "B" : "A") + sig!.slice(1);
    expect(await verifiedError(`${flipped}.${expires}.${message}`, PAGE)).toBeUndefined();
  });

  it("refuses a message signed with another portal's secret", async () => {
    const other = errorParam(await (await withSecret(SECRET_B)).signedErrorQuery(message, PAGE));
    const { verifiedError, signedErrorQuery } = await withSecret(SECRET_A);
    expect(await verifiedError(other, PAGE)).toBeUndefined();
    expect(errorParam(await signedErrorQuery(message, PAGE))).not.toBe(other);
  });

  it("shows a genuine message only on the page it was signed for (the path, whatever the query)", async () => {
    const { signedErrorQuery, verifiedError } = await withSecret(SECRET_A);
    const value = errorParam(await signedErrorQuery(message, PAGE));
    expect(await verifiedError(value, `${PAGE}?error=x&y=1`)).toBe(message);
    expect(await verifiedError(value, `${PAGE}/`)).toBe(message);
    expect(await verifiedError(value, "/ra/authorisations")).toBeUndefined();
    expect(await verifiedError(value, "/admin/calendar/2031")).toBeUndefined();
    expect(await verifiedError(value, "")).toBeUndefined();
    // The path the action came back to, with its own query, is the page signed for.
    const withQuery = errorParam(await signedErrorQuery(message, "/organisations/o1?tab=members"));
    expect(await verifiedError(withQuery, "/organisations/o1")).toBe(message);
  });

  it("expires after OUTCOME_TTL_MS (ten minutes), and a later expiry cannot be written in", async () => {
    const { signedErrorQuery, verifiedError, OUTCOME_TTL_MS } = await withSecret(SECRET_A);
    expect(OUTCOME_TTL_MS).toBe(10 * 60 * 1000);
    const t0 = Date.UTC(2026, 11, 2, 12, 0, 0);
    const value = errorParam(await signedErrorQuery(message, PAGE, t0));
    expect(await verifiedError(value, PAGE, t0 + OUTCOME_TTL_MS - 1_000)).toBe(message);
    expect(await verifiedError(value, PAGE, t0 + OUTCOME_TTL_MS)).toBeUndefined();
    expect(await verifiedError(value, PAGE, t0 + 365 * 24 * 3600_000)).toBeUndefined();
    const [sig, , ...rest] = value.split(".");
    const later = Math.floor((t0 + 365 * 24 * 3600_000) / 1000).toString(36);
    expect(await verifiedError([sig, later, ...rest].join("."), PAGE, t0 + OUTCOME_TTL_MS)).toBeUndefined();
    expect(await verifiedError([sig, later, ...rest].join("."), PAGE, t0)).toBeUndefined();
  });
});
