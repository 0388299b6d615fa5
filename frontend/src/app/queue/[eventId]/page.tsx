import { QueueView } from '@/components/queue-view';
import { titled } from '@/i18n/server';
import { serverApi } from '@/lib/api/server';

export const generateMetadata = titled({ ko: '예매 대기 중', en: 'Waiting to book' });

export default async function QueuePage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  // The event's name is a courtesy: the line works the same when the catalogue cannot answer.
  const event = await serverApi()
    .catalog.event(eventId)
    .catch(() => undefined);
  return <QueueView eventId={eventId} eventTitle={event?.title} />;
}
