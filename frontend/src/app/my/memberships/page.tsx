import { MyMemberships } from '@/components/my-memberships';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '멤버십', en: 'Memberships' });

export default function MyMembershipsPage() {
  return <MyMemberships />;
}
