import { createHash, createHmac, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The proof-of-work a fan's browser solves before it joins the waiting room (docs/adr/0008): find a
 * `solution` such that SHA-256(`challenge` + ":" + `solution`) starts with `difficulty` zero bits. The
 * challenge is stateless — event, account, difficulty and expiry under an HMAC — so issuing one costs no
 * table write, and it is good only for the account and event it names.
 */
export const challengeTtlSeconds = 300;
/** About 16,000 hashes on average: around a second in a phone's browser, nothing for one real fan. */
export const defaultPowDifficulty = 14;
export const maxPowDifficulty = 28;
const version = 'pow1';

export interface Challenge {
  readonly eventId: string;
  readonly account: string;
  readonly difficulty: number;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

export type ProofFailure =
  | 'malformed'
  | 'forged'
  | 'expired'
  | 'other-event'
  | 'other-account'
  | 'too-easy'
  | 'unsolved';

export class ProofOfWorkError extends Error {
  constructor(readonly reason: ProofFailure) {
    super(`proof of work ${reason}`);
    this.name = 'ProofOfWorkError';
  }
}

export class ProofOfWork {
  constructor(private readonly key: Buffer) {}

  /** The key derives from the vwr token secret, so both rotate together. */
  static fromSecret(secret: Uint8Array | KeyObject): ProofOfWork {
    return new ProofOfWork(createHmac('sha256', secret).update('urr-vwr-proof-of-work').digest());
  }

  issue(challenge: Challenge): string {
    const nonce = randomBytes(12).toString('base64url');
    const body = [
      version,
      challenge.eventId,
      challenge.account,
      challenge.difficulty,
      Math.floor(challenge.expiresAt),
      nonce,
    ].join('.');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** Throws {@link ProofOfWorkError} unless `solution` solves `text` for this event and account now. */
  verify(
    text: string,
    solution: string,
    expected: { eventId: string; account: string; minDifficulty: number; now: number },
  ): Challenge {
    const parts = text.split('.');
    if (parts.length !== 7 || parts[0] !== version || !/^[0-9]{1,20}$/.test(solution))
      throw new ProofOfWorkError('malformed');
    const given = Buffer.from(parts[6]!, 'base64url');
    const mac = this.mac(parts.slice(0, 6).join('.'));
    if (given.length !== mac.length || !timingSafeEqual(given, mac)) throw new ProofOfWorkError('forged');
    const challenge: Challenge = {
      eventId: parts[1]!,
      account: parts[2]!,
      difficulty: Number(parts[3]),
      expiresAt: Number(parts[4]),
    };
    if (challenge.eventId !== expected.eventId) throw new ProofOfWorkError('other-event');
    if (challenge.account !== expected.account) throw new ProofOfWorkError('other-account');
    if (expected.now / 1000 > challenge.expiresAt) throw new ProofOfWorkError('expired');
    if (challenge.difficulty < expected.minDifficulty) throw new ProofOfWorkError('too-easy');
    if (leadingZeroBits(createHash('sha256').update(`${text}:${solution}`).digest()) < challenge.difficulty)
      throw new ProofOfWorkError('unsolved');
    return challenge;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

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

/** What the browser does (with WebCrypto); tests and the load tools solve the same way. */
export function solveChallenge(text: string, difficulty: number): string {
  for (let counter = 0; ; counter += 1) {
    const digest = createHash('sha256').update(`${text}:${counter}`).digest();
    if (leadingZeroBits(digest) >= difficulty) return String(counter);
  }
}
