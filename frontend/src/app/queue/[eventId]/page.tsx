import type { Metadata } from 'next';
import { QueueView } from '@/components/queue-view';
import { serverApi } from '@/lib/api/server';

export const metadata: Metadata = { title: '예매 대기 중' };

export default async function QueuePage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  // The event's name is a courtesy: the line works the same when the catalogue cannot answer.
  const event = await serverApi()
    .catalog.event(eventId)
    .catch(() => undefined);
  return <QueueView eventId={eventId} eventTitle={event?.title} />;
}
