import { SeatMapEditor } from '@/components/seat-map-editor';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '좌석 배치도', en: 'Seat map' });

export default async function SeatMapPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SeatMapEditor eventId={id} />;
}
