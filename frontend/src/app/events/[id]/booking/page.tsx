import { BookingView } from '@/components/booking-view';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '좌석 선택', en: 'Choose seats' });

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BookingView eventId={id} />;
}
