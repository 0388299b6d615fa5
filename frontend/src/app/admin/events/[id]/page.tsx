import type { Metadata } from 'next';
import { EventAdmin } from '@/components/event-admin';

export const metadata: Metadata = { title: '공연 관리' };

export default async function EventAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EventAdmin eventId={id} />;
}
