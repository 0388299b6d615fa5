import { awsEnv } from '@urr/common/config/env-schemas';
import { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { defaultWaitingRoomTables, type WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { z } from 'zod';
import type { DynamoOptions } from './dynamo.js';

/** Environment pieces of the waiting room's Lambdas and the local edge, combined into their schemas. */
export const dynamoEnv = {
  ...awsEnv,
  VWR_COUNTERS_TABLE: z.string().min(3).default(defaultWaitingRoomTables.countersTable),
  VWR_POSITIONS_TABLE: z.string().min(3).default(defaultWaitingRoomTables.positionsTable),
};

export const vwrTokenEnv = {
  VWR_TOKEN_SECRET: z.string().min(32, { error: 'set it to a random secret of at least 32 characters' }),
  /** Key id of VWR_TOKEN_SECRET, written into each token's header. */
  VWR_TOKEN_KID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('k1'),
  /** Keys rotated out that still verify: `kid=secret,kid=secret`. */
  VWR_TOKEN_RETIRED_KEYS: z.string().default(''),
};

export const booleanEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'set it to true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

export function dynamoOptionsOf(env: { AWS_REGION: string; AWS_ENDPOINT_URL?: string }): DynamoOptions {
  return { region: env.AWS_REGION, ...(env.AWS_ENDPOINT_URL ? { endpoint: env.AWS_ENDPOINT_URL } : {}) };
}

export function tablesOf(env: {
  VWR_COUNTERS_TABLE: string;
  VWR_POSITIONS_TABLE: string;
}): WaitingRoomTables {
  return { countersTable: env.VWR_COUNTERS_TABLE, positionsTable: env.VWR_POSITIONS_TABLE };
}

export function keyringOf(env: {
  VWR_TOKEN_KID: string;
  VWR_TOKEN_SECRET: string;
  VWR_TOKEN_RETIRED_KEYS: string;
}): VwrTokenKeyring {
  return VwrTokenKeyring.withRetired(env.VWR_TOKEN_KID, env.VWR_TOKEN_SECRET, env.VWR_TOKEN_RETIRED_KEYS);
}
