import type { Metadata } from 'next';
import { BookingView } from '@/components/booking-view';

export const metadata: Metadata = { title: '좌석 선택' };

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BookingView eventId={id} />;
}
