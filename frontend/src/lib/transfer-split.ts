/** A transfer as both sides see it: I offered it (sent), or I claimed it (received). */
interface TransferParties {
  readonly fromUserId: string;
  readonly toUserId: string | null;
}

/**
 * Splits my transfers into those I offered and those I claimed. A pending transfer has no recipient yet,
 * so only its sender sees it; the recipient sees it once claimed.
 */
export function sentAndReceived<T extends TransferParties>(
  transfers: readonly T[],
  viewerId: string,
): { readonly sent: T[]; readonly received: T[] } {
  return {
    sent: transfers.filter((transfer) => transfer.fromUserId === viewerId),
    received: transfers.filter(
      (transfer) => transfer.toUserId === viewerId && transfer.fromUserId !== viewerId,
    ),
  };
}
