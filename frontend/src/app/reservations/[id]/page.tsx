import type { Metadata } from 'next';
import { ConfirmationView } from '@/components/confirmation-view';

export const metadata: Metadata = { title: '예매 확인' };

export default async function ReservationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConfirmationView reservationId={id} />;
}
