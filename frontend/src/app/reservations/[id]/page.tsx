import { ConfirmationView } from '@/components/confirmation-view';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '예매 확인', en: 'Your booking' });

export default async function ReservationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConfirmationView reservationId={id} />;
}
