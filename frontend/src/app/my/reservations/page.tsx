import type { Metadata } from 'next';
import { MyReservations } from '@/components/my-reservations';

export const metadata: Metadata = { title: '내 예매' };

export default function MyReservationsPage() {
  return <MyReservations />;
}
