/** Routes that need a Tier-2 entry token: the fan's booking writes, as the edge judges them too. */
export { isBookingWrite as requiresEntryToken } from '@urr/common/queue/booking-writes';
