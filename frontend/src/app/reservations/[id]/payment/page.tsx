import { PaymentView } from '@/components/payment-view';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '결제', en: 'Payment' });

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PaymentView reservationId={id} />;
}
