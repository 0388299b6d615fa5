import type { Metadata } from 'next';
import { SeatMapEditor } from '@/components/seat-map-editor';

export const metadata: Metadata = { title: '좌석 배치도' };

export default async function SeatMapPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SeatMapEditor eventId={id} />;
}
