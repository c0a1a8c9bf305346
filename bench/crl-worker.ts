// Child process: encodes one CRL of N entries streamed from a generator (as from a database
// cursor) and reports time and peak RSS, so each size is measured in a clean process.
import { randomBytes } from "node:crypto";
import { encodeCrl } from "../src/ca/crl/encode-crl";
import type { RevocationReason } from "../src/ca/crl/revocation-reasons";
import { openBenchHierarchy } from "./bench-lib";

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const REASONS: RevocationReason[] = ["keyCompromise", "superseded", "cessationOfOperation", "affiliationChanged", "certificateHold"];

function* entries() {
  const base = Date.UTC(2026, 0, 1);
  const pool = randomBytes(16 * 4096);
  for (let i = 0; i < count; i++) {
    const off = (i % 4096) * 16;
    const serial = Buffer.from(pool.subarray(off, off + 16));
    serial[0] = (serial[0]! & 0x7f) | 0x40;
    serial.writeUInt32BE(i, 12); // unique
    yield { serialHex: serial.toString("hex"), revokedAt: new Date(base + i * 1000), reason: REASONS[i % REASONS.length] };
  }
}

const h = await openBenchHierarchy(dir!);
const issuer = h.issuing.rsa!;
const t0 = process.hrtime.bigint();
const crl = await encodeCrl({ issuer, crlNumber: 1n, thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 86_400_000), entries: entries() });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ count: crl.entryCount, ms, bytes: crl.byteLength, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
