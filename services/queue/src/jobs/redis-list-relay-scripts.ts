/**
 * The Lua scripts of a relay that drains a Redis list to a broker in order: one holder at a time (a lease),
 * entries removed only after the broker took them, an unreadable head set aside. The admission outbox
 * (to SQS) and the queue-events outbox (to Kafka) share them.
 */

/** Takes or renews the lease for ARGV[1] (ARGV[2] ms). */
export const acquireLease = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`;

/** Gives the lease up if ARGV[1] holds it. */
export const releaseLease = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Removes the first ARGV[2] entries, but only for the lease holder and only if they are the ones it sent. */
export const removeSent = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return -1 end
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[3] then return -2 end
redis.call('LTRIM', KEYS[1], tonumber(ARGV[2]), -1)
return tonumber(ARGV[2])
`;

/** Moves an unreadable head entry aside (a bug, kept for a person to look at) so the rest can flow. */
export const quarantineHead = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[2] then return 0 end
redis.call('LMOVE', KEYS[1], KEYS[3], 'LEFT', 'RIGHT')
return 1
`;
