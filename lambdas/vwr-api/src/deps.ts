import { type AccessTokenVerifier, createAccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import { AssignLimiter } from '@urr/vwr-shared/assign-limits';
import { keyringOf, tablesOf } from '@urr/vwr-shared/config';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import type { DynamoClient } from '@urr/vwr-shared/dynamo';
import { PassRevocations } from '@urr/vwr-shared/pass-revocations';
import { PositionTicketSigner } from '@urr/vwr-shared/position-ticket';
import { PositionsStore } from '@urr/vwr-shared/positions-store';
import { ProofOfWork } from '@urr/vwr-shared/proof-of-work';
import { RoomCache } from '@urr/vwr-shared/room-cache';
import type { VwrApiConfig } from './config.js';
import type { CookieOptions } from './http.js';
import { createRevokedPlaces } from './revoked-places.js';
import { createWaitingRoom, type WaitingRoom } from './waiting-room.js';

export interface VwrApiDeps {
  readonly waitingRoom: WaitingRoom;
  /** Who is joining: only signed-in fans get a place. */
  readonly accessTokens: AccessTokenVerifier;
  /** The accounts' pass revocations: a sign-in begun before one gets no place (docs/adr/0040). */
  readonly revocations: PassRevocations;
  /** How many assigns an account and a network may make a minute. */
  readonly assignLimiter: AssignLimiter;
  /** Proves a request came through CloudFront, whose viewer address is then the fan's. */
  readonly originSecret: string | undefined;
  readonly cookies: CookieOptions;
  readonly clock: () => number;
}

/** Wires the waiting room from config and a DynamoDB client: once per Lambda container, once per local edge. */
export function createVwrApiDeps(
  config: VwrApiConfig,
  dynamo: DynamoClient,
  clock: () => number = Date.now,
): VwrApiDeps {
  const tables = tablesOf(config);
  const counters = new CountersStore(dynamo, tables);
  const keyring = keyringOf(config);
  const positions = new PositionsStore(dynamo, tables);
  const revocations = new PassRevocations(dynamo, tables, config.VWR_REVOCATION_CACHE_MS, clock);
  return {
    waitingRoom: createWaitingRoom({
      counters,
      positions,
      rooms: new RoomCache((eventId) => counters.readRoom(eventId), config.VWR_COUNTERS_CACHE_MS, clock),
      tickets: new PositionTicketSigner(keyring),
      keyring,
      proofOfWork: ProofOfWork.fromSecret(keyring.keyOf(keyring.currentKid)!),
      revokedPlaces: createRevokedPlaces({ revocations, positions }),
      powDifficulty: config.VWR_POW_DIFFICULTY,
      positionShards: config.VWR_POSITION_SHARDS,
      clock,
    }),
    accessTokens: createAccessTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.AUTH_JWT_ISSUER,
      audience: config.AUTH_JWT_AUDIENCE,
    }),
    revocations,
    assignLimiter: new AssignLimiter(dynamo, tables, {
      perAccount: config.VWR_ASSIGN_LIMIT_PER_ACCOUNT,
      perNetwork: config.VWR_ASSIGN_LIMIT_PER_NETWORK,
    }),
    originSecret: config.VWR_ORIGIN_VERIFY_SECRET,
    cookies: { secure: config.VWR_COOKIE_SECURE },
    clock,
  };
}
