// npm run bench:ca — the CA engine's figures beside references measured in the same run, as
// ratios (the machine is shared and noisy; absolute numbers drift, ratios much less).
//   issuance/s vs raw node:crypto signatures/s with the same CA key (target >= 25%)
//   CRL 10k / 100k / 1M: time and peak RSS vs `openssl ca -gencrl` for 100k (target 1M < 5 s, < 512 MB)
//   OCSP req/s under keep-alive on loopback vs an `openssl ocsp` responder (target >= 3x)
//   SM2 beside RSA and P-256 (issue 17): raw signatures, issuance and OCSP responses per key
//   family, each as a ratio to the SM2 raw sign rate (sm-crypto-v2, pure JS: the reference line)
// Bounded loops, loopback only, a few minutes at most. Not part of the test command.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { createDemoHierarchy } from "../src/ca/hierarchy/create-demo-hierarchy";
import { hierarchyToJson, type Hierarchy } from "../src/ca/hierarchy/hierarchy";
import { decryptPrivateKey, fileKeyCustody } from "../src/ca/keys/file-key-custody";
import { issueFromCsr, type IssuanceDeps } from "../src/ca/issuance/issue-certificate";
import { derToPem, parseCertificate } from "../src/ca/asn1/certificate-parts";
import { bitString, integer, oid, seq, setOf, tlv, utf8 } from "../src/ca/asn1/der";
import { OID } from "../src/ca/asn1/oids";
import { systemClock } from "../src/ca/clock";
import { signOcspResponse } from "../src/ca/ocsp/ocsp-response";
import { canonicalCertId, parseOcspRequest } from "../src/ca/ocsp/ocsp-request";
import { sm2PrivateKeyHex, sm2Sign, sm2Verify } from "../src/ca/keys/sm2";
import { sm2 as SM2 } from "sm-crypto-v2";
import { PASSPHRASE, loadTest, makeEcCsr, makeOcspRequest, makeSm2Csr } from "./bench-lib";

const QUICK = process.argv.includes("--quick");
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice(7); // issuance | families | crl | ocsp
const SECONDS = QUICK ? 1 : 3;
const dir = mkdtempSync(path.join(tmpdir(), "ca-bench-"));
const children: ChildProcess[] = [];
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const line = (what: string, ours: string, ref: string, ratio: string, target: string) => console.log(`${what.padEnd(34)} ${ours.padStart(16)} ${ref.padStart(22)} ${ratio.padStart(8)}  ${target}`);

function rsaCsr(): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const info = seq(integer(0), seq(setOf(seq(oid(OID.commonName), utf8("bench")))), publicKey.export({ type: "spki", format: "der" }), tlv(0xa0));
  return seq(info, seq(oid(OID.sha256WithRSA), Buffer.from([5, 0])), bitString(sign("sha256", info, privateKey)));
}

type Family = "rsa" | "ec" | "sm2";
const CA_KEY: Record<Family, string> = { rsa: "RSA-3072", ec: "P-256", sm2: "SM2" };

/** The key as the lines name it: the responders' RSA keys are 2048 bits, the CAs' 3072. */
function keyName(spki: Buffer, family: Family): string {
  if (family !== "rsa") return CA_KEY[family];
  return `RSA-${createPublicKey({ key: spki, format: "der", type: "spki" }).asymmetricKeyDetails?.modulusLength ?? "?"}`;
}

/** Operations per second of `op`, run for SECONDS (awaited one at a time, as a request would be). */
async function rate(op: () => unknown): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    await op();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Issuance through issueFromCsr with the family's issuing CA; returns certs/s and one certificate. */
async function issuanceRate(h: Hierarchy, family: Family): Promise<{ perSecond: number; sample: Buffer }> {
  const csrs = Array.from({ length: 32 }, () => (family === "rsa" ? rsaCsr() : family === "ec" ? makeEcCsr("bench") : makeSm2Csr("bench")));
  const deps: IssuanceDeps = { hierarchy: h, clock: systemClock, serials: { reserve: async () => true }, keyOwnership: { ownerOf: async () => null } };
  const input = { profileId: family === "sm2" ? "individual-signing-sm2" : "individual-signing", subject: { country: "CN", fullName: "压测用户" }, subscriberId: "bench", usageScope: { kind: "平台" as const, name: "bench" } };
  let sample: Buffer = Buffer.alloc(0);
  let n = 0;
  const perSecond = await rate(async () => {
    sample = (await issueFromCsr(deps, { ...input, csr: csrs[n++ % csrs.length]! })).certificate;
  });
  return { perSecond, sample };
}

/**
 * Raw signatures over the TBS with the CA's key, outside the engine: node:crypto for RSA and
 * P-256, sm-crypto-v2's SM2 (what the SM2 signer calls) with the user ID for SM2.
 */
function rawSigner(label: string, family: Family): (tbs: Buffer) => unknown {
  const key = decryptPrivateKey(readFileSync(path.join(dir, "keys", `${label}.key.pem`)), PASSPHRASE);
  if (family !== "sm2") return (tbs) => sign("sha256", tbs, key);
  const privateHex = sm2PrivateKeyHex(key);
  const publicHex = SM2.getPublicKeyFromPrivateKey(privateHex);
  return (tbs) => sm2Sign(privateHex, publicHex, tbs);
}

async function benchIssuance(h: Hierarchy, family: "rsa" | "ec") {
  const { perSecond: ours, sample } = await issuanceRate(h, family);
  // reference: raw signatures over a TBS of the same size with the same CA key
  const tbs = parseCertificate(sample).tbs;
  const signRaw = rawSigner(h.issuing[family]!.signer.label, family);
  const raw = await rate(() => signRaw(tbs));
  line(`issuance, ${CA_KEY[family]} issuing CA`, `${fmt(ours)} certs/s`, `raw sign ${fmt(raw)}/s`, `${fmt((100 * ours) / raw)}%`, family === "rsa" ? "target >= 25%" : "(info)");
}

/**
 * SM2 beside RSA and P-256: per family, raw signatures with the issuing CA's key, issuance, and
 * OCSP responses signed by the family's delegated signer, each against the SM2 raw sign rate.
 * SM2 is pure JS (no OpenSSL SM2 signing through node:crypto with the user ID), so this is the
 * line that says what an SM2 CA costs next to the others on the same machine and run.
 */
async function benchFamilies(h: Hierarchy) {
  const families: Family[] = ["sm2", "ec", "rsa"];
  const issued = new Map<Family, { perSecond: number; sample: Buffer }>();
  for (const f of families) issued.set(f, await issuanceRate(h, f));
  const raw = new Map<Family, number>();
  for (const f of families) {
    const tbs = parseCertificate(issued.get(f)!.sample).tbs;
    const signRaw = rawSigner(h.issuing[f]!.signer.label, f);
    raw.set(f, await rate(() => signRaw(tbs)));
  }
  // Verification too: issuance checks the CSR's signature, and SM2 verification in pure JS costs
  // several SM2 signatures (the SM2 issuance line is mostly that).
  const verified = new Map<Family, number>();
  for (const f of families) {
    const parts = parseCertificate(issued.get(f)!.sample);
    const issuerSpki = h.issuing[f]!.parts.spki;
    const check =
      f === "sm2"
        ? () => sm2Verify(issuerSpki, parts.tbs, parts.signature)
        : () => verify("sha256", parts.tbs, createPublicKey({ key: issuerSpki, format: "der", type: "spki" }), parts.signature);
    if (!check()) throw new Error(`the ${f} sample does not verify`);
    verified.set(f, await rate(check));
  }
  const reference = raw.get("sm2")!;
  const vsSm2 = (n: number) => `${fmt(n / reference, 2)}x`;
  const ref = `SM2 raw ${fmt(reference)}/s`;
  for (const f of families) line(`raw sign, ${CA_KEY[f]}${f === "sm2" ? " (reference)" : ""}`, `${fmt(raw.get(f)!)} sig/s`, ref, vsSm2(raw.get(f)!), "");
  for (const f of families) line(`raw verify, ${CA_KEY[f]}`, `${fmt(verified.get(f)!)} ver/s`, ref, vsSm2(verified.get(f)!), f === "sm2" ? "(sm-crypto-v2)" : "(node:crypto)");
  for (const f of families) {
    const ours = issued.get(f)!.perSecond;
    line(`issuance, ${CA_KEY[f]} issuing CA`, `${fmt(ours)} certs/s`, ref, vsSm2(ours), `(${fmt((100 * ours) / raw.get(f)!)}% of its own raw sign)`);
  }
  const at = new Date();
  for (const f of families) {
    const issuer = h.issuing[f]!;
    const signer = h.ocspSigners.get(issuer.entity.id)!;
    const id = parseOcspRequest(makeOcspRequest(issuer.parts, parseCertificate(issued.get(f)!.sample).serialHex)).certIds[0]!;
    const certIdRaw = canonicalCertId({ ...id, hash: id.hash! });
    const items = [{ certIdRaw, status: { status: "good" as const }, thisUpdate: at, nextUpdate: new Date(at.getTime() + 86_400_000) }];
    const ours = await rate(() => signOcspResponse(signer, at, items));
    line(`OCSP response signed, ${keyName(signer.parts.spki, f)}`, `${fmt(ours)} resp/s`, ref, vsSm2(ours), `(${signer.entity.id})`);
  }
  // The reference measured again: on a shared machine the gap between the two says how far the
  // ratios above can be trusted.
  const sm2Tbs = parseCertificate(issued.get("sm2")!.sample).tbs;
  const signSm2 = rawSigner(h.issuing.sm2!.signer.label, "sm2");
  const again = await rate(() => signSm2(sm2Tbs));
  line("raw sign, SM2 (again, at the end)", `${fmt(again)} sig/s`, ref, vsSm2(again), "(drift of the reference during the run)");
}

function runTsx(args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

function utc(d: Date) {
  return d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
}

function opensslGenCrl(h: Hierarchy, count: number) {
  const w = path.join(dir, "openssl-ca");
  spawnSync("mkdir", ["-p", w]);
  const issuer = h.issuing.rsa!;
  writeFileSync(path.join(w, "ca.pem"), derToPem(issuer.entity.certificate, "CERTIFICATE"));
  const key = decryptPrivateKey(readFileSync(path.join(dir, "keys", `${issuer.signer.label}.key.pem`)), PASSPHRASE);
  writeFileSync(path.join(w, "ca.key"), key.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  const reasons = ["keyCompromise", "superseded", "cessationOfOperation", "affiliationChanged", "certificateHold"];
  const exp = utc(new Date(Date.now() + 365 * 86_400_000));
  const base = Date.UTC(2026, 0, 1);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const serial = randomBytes(16);
    serial[0] = (serial[0]! & 0x7f) | 0x40;
    serial.writeUInt32BE(i, 12);
    lines.push(`R\t${exp}\t${utc(new Date(base + i * 1000))},${reasons[i % reasons.length]}\t${serial.toString("hex").toUpperCase()}\tunknown\t/CN=x${i}`);
  }
  writeFileSync(path.join(w, "index.txt"), lines.join("\n") + "\n");
  writeFileSync(path.join(w, "index.txt.attr"), "unique_subject = no\n");
  writeFileSync(path.join(w, "crlnumber"), "01\n");
  writeFileSync(path.join(w, "ca.cnf"), `[ ca ]\ndefault_ca = d\n[ d ]\ndir = ${w}\ndatabase = $dir/index.txt\ncrlnumber = $dir/crlnumber\ncertificate = $dir/ca.pem\nprivate_key = $dir/ca.key\ndefault_md = sha256\ndefault_crl_days = 1\n`);
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "openssl", "ca", "-gencrl", "-config", path.join(w, "ca.cnf"), "-out", path.join(w, "crl.pem"), "-batch"], { encoding: "utf8" });
  const m = /([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`openssl ca -gencrl failed: ${r.stderr.slice(-500)}`);
  return { ms: Number(m[1]) * 1000, maxRssMB: Number(m[2]) / 1024 };
}

async function waitReady(p: ChildProcess, marker: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("child did not start")), 20_000);
    p.stdout?.on("data", (d: Buffer) => {
      if (d.toString().includes(marker)) {
        clearTimeout(t);
        resolve();
      }
    });
    p.on("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
}

async function benchOcsp(h: Hierarchy) {
  const issuer = h.issuing.ec!;
  const serials = Array.from({ length: 1000 }, (_, i) => {
    const s = randomBytes(16);
    s[0] = (s[0]! & 0x7f) | 0x40;
    s.writeUInt16BE(i, 14);
    return s.toString("hex");
  });
  const bodies = serials.map((s) => makeOcspRequest(issuer.parts, s));
  const conc = 8;
  // ours, in its own process
  const ourPort = 20000 + Math.floor(Math.random() * 20000);
  const ours = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "ocsp-server.ts"), dir, String(ourPort)], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(ours);
  await waitReady(ours, "ready");
  await loadTest(`http://127.0.0.1:${ourPort}/`, bodies, 1, conc); // warm-up: signs each serial once
  const a = await loadTest(`http://127.0.0.1:${ourPort}/`, bodies, SECONDS + 1, conc);
  ours.kill();
  // openssl ocsp responder with the same signer key, same requests
  const w = path.join(dir, "openssl-ocsp");
  spawnSync("mkdir", ["-p", w]);
  const signer = h.ocspSigners.get(issuer.entity.id)!;
  const exp = utc(new Date(Date.now() + 365 * 86_400_000));
  writeFileSync(path.join(w, "index.txt"), serials.map((s, i) => `V\t${exp}\t\t${s.toUpperCase()}\tunknown\t/CN=x${i}`).join("\n") + "\n");
  writeFileSync(path.join(w, "ca.pem"), derToPem(issuer.entity.certificate, "CERTIFICATE"));
  writeFileSync(path.join(w, "rsigner.pem"), derToPem(signer.entity.certificate, "CERTIFICATE"));
  const rkey = decryptPrivateKey(readFileSync(path.join(dir, "keys", `${signer.signer.label}.key.pem`)), PASSPHRASE);
  writeFileSync(path.join(w, "rkey.pem"), rkey.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  const osPort = ourPort + 1;
  const os = spawn("openssl", ["ocsp", "-index", path.join(w, "index.txt"), "-CA", path.join(w, "ca.pem"), "-rsigner", path.join(w, "rsigner.pem"), "-rkey", path.join(w, "rkey.pem"), "-port", String(osPort), "-nmin", "60", "-ignore_err"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(os);
  let osLog = "";
  os.stderr?.on("data", (d: Buffer) => (osLog = (osLog + d.toString()).slice(-2000)));
  os.stdout?.on("data", (d: Buffer) => (osLog = (osLog + d.toString()).slice(-2000)));
  await new Promise((r) => setTimeout(r, 700));
  await loadTest(`http://127.0.0.1:${osPort}/`, bodies, 1, conc);
  const b = await loadTest(`http://127.0.0.1:${osPort}/`, bodies, SECONDS + 1, conc);
  os.kill();
  if (b.ok === 0) console.error(`openssl ocsp responder answered nothing; its log:\n${osLog}`);
  line("OCSP, keep-alive, 8 clients", `${fmt(a.rps)} req/s`, `openssl ${fmt(b.rps)} req/s`, `${fmt(a.rps / b.rps, 1)}x`, `target >= 3x (errors ${a.errors}/${b.errors})`);
}

async function main() {
  console.log(`CA benchmark (${QUICK ? "quick" : "full"}), node ${process.version}, ${spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout.trim()}`);
  const h = await createDemoHierarchy({ custody: fileKeyCustody(path.join(dir, "keys"), PASSPHRASE), clock: systemClock, baseUrl: "http://pki.bench.local" });
  writeFileSync(path.join(dir, "hierarchy.json"), hierarchyToJson(h.record));
  line("what", "ours", "reference", "ratio", "");
  if (!ONLY || ONLY === "issuance") {
    await benchIssuance(h, "rsa");
    await benchIssuance(h, "ec");
  }
  if (!ONLY || ONLY === "families") await benchFamilies(h);
  const worker = path.join(import.meta.dirname, "crl-worker.ts");
  for (const count of ONLY && ONLY !== "crl" ? [] : QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
    const r = JSON.parse(runTsx([worker, dir, String(count)])) as { ms: number; bytes: number; maxRssMB: number };
    let ref = "";
    let ratio = "";
    if (count === 100_000) {
      const o = opensslGenCrl(h, count);
      ref = `openssl ${fmt(o.ms)} ms/${fmt(o.maxRssMB)} MB`;
      ratio = `${fmt(o.ms / r.ms, 1)}x`;
    }
    line(`CRL ${fmt(count)} entries (RSA-3072)`, `${fmt(r.ms)} ms/${fmt(r.maxRssMB)} MB`, ref, ratio, count === 1_000_000 ? `target < 5000 ms, < 512 MB (${fmt(r.bytes / 1e6, 1)} MB file)` : `${fmt(r.bytes / 1e6, 1)} MB file`);
  }
  if (!ONLY || ONLY === "ocsp") await benchOcsp(h);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) if (c.exitCode === null) c.kill();
    rmSync(dir, { recursive: true, force: true });
  });
