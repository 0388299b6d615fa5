import { EventAdmin } from '@/components/event-admin';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '공연 관리', en: 'Manage event' });

export default async function EventAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EventAdmin eventId={id} />;
}
