/**
 * Proof-of-work for the public report form (no CAPTCHA, no network service): the browser finds a
 * nonce such that SHA-256("<challenge>:<nonce>") starts with `bits` zero bits; the server checks
 * it with one hash. 16 bits is about 65,000 hashes: a second or two in a browser, a cost per
 * report that a flood pays thousands of times.
 */
export const PROOF_OF_WORK_BITS = 16;
/** The longest nonce the server looks at (the browser's are decimal counters). */
export const MAX_POW_NONCE = 32;

export function proofOfWorkInput(challenge: string, nonce: string): string {
  return `${challenge}:${nonce}`;
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function meetsDifficulty(digest: Uint8Array, bits: number): boolean {
  return leadingZeroBits(digest) >= bits;
}

/**
 * What the browser runs: counts nonces from `start` for at most `budget` tries and returns the
 * first that meets the difficulty, or null (the caller yields to the page and goes on). ASCII
 * input, so the code points are the UTF-8 bytes.
 */
export function searchProofOfWork(challenge: string, bits: number, start: number, budget: number, hash: (bytes: Uint8Array) => Uint8Array): string | null {
  for (let n = start; n < start + budget; n++) {
    const input = proofOfWorkInput(challenge, String(n));
    const bytes = new Uint8Array(input.length);
    for (let i = 0; i < input.length; i++) bytes[i] = input.charCodeAt(i) & 0xff;
    if (meetsDifficulty(hash(bytes), bits)) return String(n);
  }
  return null;
}
