import { MyReservations } from '@/components/my-reservations';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '내 예매', en: 'My bookings' });

export default function MyReservationsPage() {
  return <MyReservations />;
}
