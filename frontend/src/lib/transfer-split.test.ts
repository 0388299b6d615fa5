import { describe, expect, it } from 'vitest';
import { sentAndReceived } from './transfer-split';

const me = 'me';
const friend = 'friend';

describe('my transfers, sent and received', () => {
  it('puts what I offered under sent, pending or claimed, and what I claimed under received', () => {
    const offered = { id: 'a', fromUserId: me, toUserId: null };
    const claimedFromMe = { id: 'b', fromUserId: me, toUserId: friend };
    const claimedByMe = { id: 'c', fromUserId: friend, toUserId: me };
    const { sent, received } = sentAndReceived([offered, claimedFromMe, claimedByMe], me);
    expect(sent.map((transfer) => transfer.id)).toEqual(['a', 'b']);
    expect(received.map((transfer) => transfer.id)).toEqual(['c']);
  });

  it('never lists one transfer on both sides', () => {
    const both = { id: 'x', fromUserId: me, toUserId: me };
    const { sent, received } = sentAndReceived([both], me);
    expect(sent).toHaveLength(1);
    expect(received).toHaveLength(0);
  });

  it('shows the friend nothing of a transfer they have not claimed', () => {
    const { sent, received } = sentAndReceived([{ fromUserId: me, toUserId: null }], friend);
    expect(sent).toEqual([]);
    expect(received).toEqual([]);
  });
});
