/**
 * Solves the waiting room's proof-of-work challenge in the browser (docs/adr/0008): the smallest counter
 * whose SHA-256(challenge + ":" + counter) starts with `difficulty` zero bits. WebCrypto, in batches that
 * yield to the page between them so the waiting screen stays responsive.
 */
export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  const batch = 256;
  for (let start = 0; ; start += batch) {
    const digests = await Promise.all(
      Array.from({ length: batch }, (_, offset) =>
        crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${start + offset}`)),
      ),
    );
    const found = digests.findIndex((digest) => leadingZeroBits(new Uint8Array(digest)) >= difficulty);
    if (found >= 0) return String(start + found);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}
