// Operator CLI for the CA engine, working on a folder of files (encrypted keys + state.json)
// until the database wiring exists:
//   npm run ca -- init   --dir .data/ca --base-url https://pki.example.cn
//   npm run ca -- status --dir .data/ca
//   npm run ca -- issue  --dir .data/ca --csr req.pem --profile individual-signing --subject subject.json --subscriber u1 --scope-kind 项目 --scope-name 智慧政务
//   npm run ca -- revoke --dir .data/ca --serial 4a.. --reason keyCompromise [--invalidity-date 2026-03-01T00:00:00Z]
//   npm run ca -- crl    --dir .data/ca [--next-update-hours 24]
// The key passphrase comes from the CA_KEY_PASSPHRASE environment variable, never from argv.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDemoHierarchy } from "../src/ca/hierarchy/create-demo-hierarchy";
import { hierarchyFromJson, hierarchyToJson, loadHierarchy, type Hierarchy } from "../src/ca/hierarchy/hierarchy";
import { fileKeyCustody } from "../src/ca/keys/file-key-custody";
import { issueFromCsr } from "../src/ca/issuance/issue-certificate";
import { encodeCrl, crlToBuffer } from "../src/ca/crl/encode-crl";
import { ADMINISTRATIVE_REASONS, type RevocationReason } from "../src/ca/crl/revocation-reasons";
import { derToPem, parseCertificate } from "../src/ca/asn1/certificate-parts";
import { systemClock } from "../src/ca/clock";
import { isCaError } from "../src/ca/errors";
import type { UsageScopeKind, VerifiedSubject } from "../src/ca/issuance/profiles";

interface CertRecord {
  serialHex: string;
  issuerId: string;
  profileId: string;
  subscriberId: string;
  spkiSha256: string;
  notAfter: string;
  crlShard: number;
  status: "good" | "revoked";
  revokedAt?: string;
  reason?: RevocationReason;
  invalidityDate?: string;
}
interface State {
  hierarchy: string;
  certificates: CertRecord[];
  crlNumbers: Record<string, number>;
}

const { positionals, values: opt } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: "string", default: process.env.CA_DIR ?? ".data/ca" },
    "base-url": { type: "string" },
    csr: { type: "string" },
    profile: { type: "string" },
    subject: { type: "string" },
    subscriber: { type: "string" },
    "scope-kind": { type: "string" },
    "scope-name": { type: "string" },
    out: { type: "string" },
    serial: { type: "string" },
    reason: { type: "string", default: "unspecified" },
    "invalidity-date": { type: "string" },
    "next-update-hours": { type: "string", default: "24" },
  },
});

const dir = path.resolve(opt.dir!);
const statePath = path.join(dir, "state.json");

function passphrase(): string {
  const p = process.env.CA_KEY_PASSPHRASE;
  if (!p) throw new Error("set CA_KEY_PASSPHRASE (at least 8 characters) in the environment");
  return p;
}
const custody = () => fileKeyCustody(path.join(dir, "keys"), passphrase());
const readState = async (): Promise<State> => JSON.parse(await readFile(statePath, "utf8")) as State;
async function writeState(s: State): Promise<void> {
  await writeFile(`${statePath}.tmp`, JSON.stringify(s, null, 2), { mode: 0o600 });
  await rename(`${statePath}.tmp`, statePath);
}
const loaded = async (s: State): Promise<Hierarchy> => loadHierarchy(hierarchyFromJson(s.hierarchy), custody());

async function publishCaCertificates(h: Hierarchy): Promise<void> {
  await mkdir(path.join(dir, "public", "ca"), { recursive: true });
  for (const e of h.record.entities) await writeFile(path.join(dir, "public", "ca", `${e.id}.cer`), e.certificate);
}

const commands: Record<string, () => Promise<void>> = {
  async init() {
    if (!opt["base-url"]) throw new Error("--base-url is required");
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const exists = await readFile(statePath).then(() => true, () => false);
    if (exists) throw new Error(`${statePath} exists: refusing to overwrite a CA`);
    const h = await createDemoHierarchy({ custody: custody(), clock: systemClock, baseUrl: opt["base-url"] });
    await writeState({ hierarchy: hierarchyToJson(h.record), certificates: [], crlNumbers: {} });
    await publishCaCertificates(h);
    console.log(`initialised ${h.record.entities.length} CA certificates in ${dir}`);
  },
  async status() {
    const s = await readState();
    const record = hierarchyFromJson(s.hierarchy);
    for (const e of record.entities) {
      const p = parseCertificate(e.certificate);
      const issued = s.certificates.filter((c) => c.issuerId === e.id);
      console.log(`${e.id.padEnd(12)} ${e.role.padEnd(8)} ${e.keyType.padEnd(4)} until ${p.notAfter.toISOString()}  issued ${issued.length}, revoked ${issued.filter((c) => c.status === "revoked").length}`);
    }
  },
  async issue() {
    for (const k of ["csr", "profile", "subject", "subscriber", "scope-kind", "scope-name"] as const) if (!opt[k]) throw new Error(`--${k} is required`);
    const s = await readState();
    const h = await loaded(s);
    const subject = JSON.parse(await readFile(opt.subject!, "utf8")) as VerifiedSubject;
    const issued = await issueFromCsr(
      {
        hierarchy: h,
        clock: systemClock,
        serials: { reserve: async (issuerId, serialHex) => !s.certificates.some((c) => c.issuerId === issuerId && c.serialHex === serialHex) },
        keyOwnership: { ownerOf: async (spki) => s.certificates.find((c) => c.spkiSha256 === spki)?.subscriberId ?? null },
      },
      { csr: await readFile(opt.csr!), profileId: opt.profile!, subject, subscriberId: opt.subscriber!, usageScope: { kind: opt["scope-kind"] as UsageScopeKind, name: opt["scope-name"]! } },
    );
    s.certificates.push({ serialHex: issued.serialHex, issuerId: issued.issuerId, profileId: issued.profileId, subscriberId: opt.subscriber!, spkiSha256: issued.spkiSha256, notAfter: issued.notAfter.toISOString(), crlShard: issued.crlShard, status: "good" });
    await writeState(s);
    const out = opt.out ?? path.join(dir, "certs", `${issued.serialHex}.pem`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, derToPem(issued.certificate, "CERTIFICATE") + issued.chain.slice(0, -1).map((c) => derToPem(c, "CERTIFICATE")).join(""));
    console.log(`issued ${issued.serialHex} by ${issued.issuerId} (CRL shard ${issued.crlShard}) -> ${out}`);
  },
  async revoke() {
    const s = await readState();
    const reason = opt.reason as RevocationReason;
    if (!ADMINISTRATIVE_REASONS.includes(reason)) throw new Error(`--reason must be one of ${ADMINISTRATIVE_REASONS.join(", ")}`);
    const c = s.certificates.find((x) => x.serialHex === opt.serial?.toLowerCase());
    if (!c) throw new Error(`no certificate with serial ${opt.serial}`);
    if (c.status === "revoked" && c.reason !== "certificateHold") throw new Error("already revoked");
    Object.assign(c, { status: "revoked", revokedAt: new Date().toISOString(), reason, invalidityDate: opt["invalidity-date"] });
    await writeState(s);
    console.log(`revoked ${c.serialHex} (${reason}); publish with: npm run ca -- crl`);
  },
  async crl() {
    const s = await readState();
    const h = await loaded(s);
    const now = new Date();
    const nextUpdate = new Date(now.getTime() + Number(opt["next-update-hours"]) * 3600_000);
    for (const e of h.record.entities.filter((x) => x.role === "root" || x.role === "issuing")) {
      const issuer = h.byId.get(e.id)!;
      for (let shard = 0; shard < Math.max(1, e.crlShards); shard++) {
        const key = `${e.id}/${shard}`;
        const number = (s.crlNumbers[key] ?? 0) + 1;
        s.crlNumbers[key] = number;
        const entries = s.certificates
          .filter((c) => c.issuerId === e.id && c.crlShard === shard && c.status === "revoked")
          .map((c) => ({ serialHex: c.serialHex, revokedAt: new Date(c.revokedAt!), reason: c.reason, invalidityDate: c.invalidityDate ? new Date(c.invalidityDate) : undefined }));
        const crl = await encodeCrl({ issuer, crlNumber: BigInt(number), thisUpdate: now, nextUpdate, entries, distributionPointUrl: e.crlShards > 1 ? h.urls.crl(e.id, shard) : undefined });
        const file = path.join(dir, "public", "crl", e.id, `${shard}.crl`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, crlToBuffer(crl));
        console.log(`${key}: CRL #${number}, ${crl.entryCount} entries -> ${file}`);
      }
    }
    await writeState(s);
  },
};

const run = commands[positionals[0] ?? ""];
if (!run) {
  console.error("usage: npm run ca -- init|status|issue|revoke|crl [options]  (see scripts/ca-cli.ts)");
  process.exit(2);
}
run().catch((e: unknown) => {
  console.error(isCaError(e) ? `error ${e.code}: ${e.message}` : `error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
