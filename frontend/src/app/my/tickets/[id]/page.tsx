import type { Metadata } from 'next';
import { TicketPass } from '@/components/ticket-pass';

export const metadata: Metadata = { title: '모바일 티켓' };

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TicketPass reservationId={id} />;
}
