import type { Metadata } from 'next';
import { PaymentView } from '@/components/payment-view';

export const metadata: Metadata = { title: '결제' };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PaymentView reservationId={id} />;
}
