import type { Metadata } from 'next';
import { QueueView } from '@/components/queue-view';

export const metadata: Metadata = { title: '예매 대기열' };

export default async function QueuePage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  return <QueueView eventId={eventId} />;
}
