/**
 * How the waiting room tells present holders from those who walked away, without a write per poll: a check
 * records the holder's presence in the positions table at most once a minute (the ticket remembers when),
 * and the advancer treats a position whose holder was not seen for three minutes as abandoned. Polls come
 * every 2–15 s, so a present holder is never more than 75 s behind.
 */
export const heartbeatEverySeconds = 60;
export const abandonAfterSeconds = 180;
