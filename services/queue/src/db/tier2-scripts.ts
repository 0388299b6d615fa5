/**
 * Lua for every Tier-2 state change, so each call is one atomic step on Redis. Each script first
 * "settles" the event: it evicts admitted users whose last heartbeat is older than the TTL and hands
 * the free slots to the head of the line, in arrival order, while active < maxUsers and the queue is
 * open. Expiry, hand-off and the outbox entries describing them therefore commit together.
 *
 * KEYS (same order for every script): 1 queue, 2 active, 3 seen, 4 counter, 5 maxUsers, 6 status,
 * 7 active-seen, 8 threshold, 9 the SQS outbox list, 10 the queue-events outbox list, 11 the line's
 * change sequence (docs/adr/0041).
 * ARGV: 1 eventId, 2 userId ('' for a sweep), 3 callId (prefix of message ids), 4 active TTL in ms,
 * 5 default maxUsers, 6 default threshold, 7 default status, 8 most users evicted or admitted per call,
 * 9 '1' when the user may take a new place (enter only: the Tier-1 pass was checked, docs/adr/0009).
 *
 * Reply (see parseTier2Reply): state, arrival number, 0-based rank in line, waiting, active,
 * maxUsers, threshold, status, admitted so far (HLEN active-seen), Redis time in ms.
 */
const prelude = `
local eventId, userId, callId = ARGV[1], ARGV[2], ARGV[3]
local ttlMs = tonumber(ARGV[4])
local workLimit = tonumber(ARGV[8])
local time = redis.call('TIME')
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local function setting(key, default)
  local value = tonumber(redis.call('GET', key))
  if value == nil or value < 0 then return default end
  return math.floor(value)
end
local maxUsers = setting(KEYS[5], tonumber(ARGV[5]))
local threshold = math.min(setting(KEYS[8], tonumber(ARGV[6])), maxUsers)
local knownStatuses = { open = true, paused = true, soldout = true, closed = true }
local status = redis.call('GET', KEYS[6])
if not status or not knownStatuses[status] then status = ARGV[7] end

local published = 0
local function publish(kind, user, arrival, fields)
  published = published + 1
  local entry = fields or {}
  entry.id = callId .. ':k' .. published
  entry.type = kind
  entry.eventId = eventId
  entry.userId = user
  entry.at = nowMs
  entry.arrival = arrival
  entry.sequence = redis.call('INCR', KEYS[11])
  redis.call('RPUSH', KEYS[10], cjson.encode(entry))
end

local emitted = 0
local function emit(kind, user, arrival, fields)
  emitted = emitted + 1
  local position = tonumber(arrival)
  if position and position < 1 then position = nil end
  redis.call('RPUSH', KEYS[9], cjson.encode({
    id = callId .. ':' .. emitted, type = kind, eventId = eventId, userId = user,
    at = nowMs, position = position
  }))
  publish(kind, user, position, fields)
end

local function admit(user, arrival)
  redis.call('ZADD', KEYS[2], nowMs, user)
  redis.call('HSET', KEYS[7], user, nowMs)
  emit('queue.admitted', user, arrival)
end

local function settle()
  local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', nowMs - ttlMs, 'LIMIT', 0, workLimit)
  for _, user in ipairs(expired) do
    redis.call('ZREM', KEYS[2], user)
    emit('queue.expired', user, redis.call('HGET', KEYS[3], user))
    -- The place is spent: coming back draws a new number, and the slot's entry pass is void.
    redis.call('HDEL', KEYS[3], user)
  end
  if status ~= 'open' then return end
  local free = math.min(maxUsers - redis.call('ZCARD', KEYS[2]), workLimit)
  if free <= 0 then return end
  local nextInLine = redis.call('ZPOPMIN', KEYS[1], free)
  for i = 1, #nextInLine, 2 do admit(nextInLine[i], nextInLine[i + 1]) end
end

local function stateOf()
  if redis.call('ZSCORE', KEYS[2], userId) then return 'admitted' end
  if redis.call('ZSCORE', KEYS[1], userId) then return 'waiting' end
  return 'absent'
end

local function view(state)
  local rank = -1
  if state == 'waiting' then rank = redis.call('ZRANK', KEYS[1], userId) end
  return {
    state, tonumber(redis.call('HGET', KEYS[3], userId)) or -1, rank,
    redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), maxUsers, threshold, status,
    redis.call('HLEN', KEYS[7]), nowMs
  }
end
`;

/**
 * Enter: an admitted user stays admitted (entering again counts as a heartbeat) and a waiting user keeps
 * the place. Anyone else is a newcomer: refused when sold out or closed, or without leave to line up
 * (ARGV[9]); otherwise they draw the next arrival number, also when they held a place before and left or
 * lost it. A newcomer is admitted at once while the line is empty and active < threshold, and otherwise
 * joins the line.
 */
const enter = `${prelude}
settle()
local state = stateOf()
if state == 'admitted' then
  redis.call('ZADD', KEYS[2], 'XX', nowMs, userId)
  return view(state)
end
if state == 'waiting' then return view(state) end
if status == 'soldout' or status == 'closed' then return view('refused') end
if ARGV[9] ~= '1' then return view('needs-pass') end
local arrival = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[3], userId, arrival)
local atOnce = status == 'open' and redis.call('ZCARD', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) < threshold
publish('queue.arrived', userId, arrival, { admittedAtOnce = atOnce })
if atOnce then
  admit(userId, arrival)
  return view('admitted')
end
redis.call('ZADD', KEYS[1], arrival, userId)
return view('waiting')
`;

const status = `${prelude}
settle()
return view(stateOf())
`;

/** A heartbeat after the TTL finds the slot already given away: settle runs first. */
const heartbeat = `${prelude}
settle()
if redis.call('ZSCORE', KEYS[2], userId) then
  redis.call('ZADD', KEYS[2], 'XX', nowMs, userId)
  return view('admitted')
end
return view(stateOf())
`;

/** Leaving gives up the place (and the arrival number); a freed slot goes to the next in line at once. */
const leave = `${prelude}
local wasActive = redis.call('ZREM', KEYS[2], userId) == 1
local arrival = redis.call('HGET', KEYS[3], userId)
local wasWaiting = redis.call('ZREM', KEYS[1], userId) == 1
redis.call('HDEL', KEYS[3], userId)
if wasActive then emit('queue.left', userId, arrival, { wasAdmitted = true }) end
if wasWaiting then publish('queue.left', userId, tonumber(arrival), { wasAdmitted = false }) end
settle()
return view('absent')
`;

const sweep = `${prelude}
settle()
return view('absent')
`;

export const tier2Scripts = { enter, status, heartbeat, leave, sweep } as const;
export type Tier2Operation = keyof typeof tier2Scripts;
export const tier2ScriptKeyCount = 11;
