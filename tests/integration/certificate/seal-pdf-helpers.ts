// The seal test's PDF from the test side: a real PNG seal, the subscriber's P-256 key as the
// browser's signer (the page's own signing code, src/client/pdf-seal-sign.ts, run in Node), our
// TSA answering through the same function as /pki/tsa, and pdfsig (poppler, NSS) as the outside judge.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { pemToDer } from "@/ca/asn1/certificate-parts";
import { children, raw, readRoot, tlv } from "@/ca/asn1/der";
import type { PdfSigner, TimestampFetch } from "@/client/pdf-seal-sign";
import type { PrismaClient } from "@/generated/prisma/client";
import { serveTimestamp } from "@/server/ca-service/pki-http";
import type { TempDir } from "./pki-helpers";
import { pem } from "./pki-helpers";

/** A 96x96 RGBA PNG: a red ring on a transparent ground, as seal pictures are. */
export function sealPng(): Buffer {
  const w = 96;
  const rows = Buffer.alloc((w * 4 + 1) * w);
  for (let y = 0; y < w; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 4 + 1) + 1 + x * 4;
      const r = Math.hypot(x - 48, y - 48);
      rows[o] = 200;
      rows[o + 3] = r > 36 && r < 44 ? 255 : 0;
    }
  }
  const crc = (b: Buffer) => {
    let c = ~0;
    for (const v of b) {
      c ^= v;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** The P-256 key openssl made for the CSR, as the browser's WebCrypto signer. */
export async function p256Signer(keyFile: string): Promise<PdfSigner> {
  const key = await crypto.subtle.importKey("pkcs8", Uint8Array.from(pemToDer(readFileSync(keyFile, "utf8"))), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  return { algorithm: "ECDSA", sign: async (data) => new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, Uint8Array.from(data))) };
}

/** Our TSA, as POST /pki/tsa answers. */
export function tsaOf(db: PrismaClient, clock: { now(): Date }): TimestampFetch {
  return async (request) => {
    const r = await serveTimestamp(db, request, "application/timestamp-query", clock);
    if (r.status !== 200) throw new Error(`TSA answered ${r.status}`);
    return new Uint8Array(r.body);
  };
}

/** The signed PDF with its CMS's unsigned attributes (the timestamp) taken out, /Contents re-padded. */
export function withoutTimestamp(pdf: Buffer): Buffer {
  const [, b, c] = byteRangeOf(pdf);
  const hex = pdf.subarray(b + 1, c - 1).toString("latin1");
  const contents = Buffer.from(hex, "hex");
  const cms = contents.subarray(0, (() => {
    let end = contents.length;
    while (end > 0 && contents[end - 1] === 0) end--;
    return end;
  })());
  // Walk ContentInfo > [0] > SignedData > signerInfos > SignerInfo and rebuild it without [1].
  const root = readRoot(cms);
  const [type, wrapped] = children(cms, root);
  const [sd] = children(cms, wrapped!);
  const sdKids = children(cms, sd!);
  const infos = sdKids[sdKids.length - 1]!;
  const [si] = children(cms, infos);
  const siKids = children(cms, si!).filter((k) => k.tag !== 0xa1);
  const newSi = tlv(0x30, ...siKids.map((k) => raw(cms, k)));
  const newSd = tlv(0x30, ...sdKids.slice(0, -1).map((k) => raw(cms, k)), tlv(0x31, newSi));
  const newCms = tlv(0x30, raw(cms, type!), tlv(0xa0, newSd));
  const out = Buffer.from(pdf);
  out.write(newCms.toString("hex").toUpperCase().padEnd(hex.length, "0"), b + 1, "latin1");
  return out;
}

export function byteRangeOf(pdf: Buffer): [number, number, number, number] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(pdf.toString("latin1"))!;
  return m.slice(1).map(Number) as [number, number, number, number];
}

/** pdfsig with an NSS database that trusts exactly our root (and knows the issuing CA); stdout + stderr. */
export function pdfsig(tmp: TempDir, pdfFile: string, chain: readonly Uint8Array[]): string {
  const nss = tmp.file(`nss-${Math.random().toString(36).slice(2)}`);
  spawnSync("mkdir", ["-p", nss]);
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { timeout: 30_000 });
    return r.stdout.toString("utf8") + r.stderr.toString("utf8");
  };
  run("certutil", ["-N", "-d", `sql:${nss}`, "--empty-password"]);
  const root = chain[chain.length - 1]!;
  run("certutil", ["-A", "-d", `sql:${nss}`, "-n", "portal-root", "-t", "CT,C,C", "-i", tmp.file("nss-root.pem", pem(root))]);
  return run("pdfsig", ["-nssdir", `sql:${nss}`, "-no-ocsp", pdfFile]);
}

export function pdfimagesList(pdfFile: string): string {
  return spawnSync("pdfimages", ["-list", pdfFile], { timeout: 30_000 }).stdout.toString("utf8");
}
