import type { Metadata } from 'next';
import { VenuesAdmin } from '@/components/venues-admin';

export const metadata: Metadata = { title: '공연장' };

export default function VenuesPage() {
  return <VenuesAdmin />;
}
