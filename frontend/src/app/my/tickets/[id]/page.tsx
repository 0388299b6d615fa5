import { TicketPass } from '@/components/ticket-pass';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '모바일 티켓', en: 'Mobile ticket' });

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TicketPass reservationId={id} />;
}
