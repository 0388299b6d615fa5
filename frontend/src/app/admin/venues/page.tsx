import { VenuesAdmin } from '@/components/venues-admin';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '공연장', en: 'Venues' });

export default function VenuesPage() {
  return <VenuesAdmin />;
}
