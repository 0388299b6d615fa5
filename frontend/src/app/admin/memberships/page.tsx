import { MembershipsAdmin } from '@/components/memberships-admin';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '팬클럽 멤버십', en: 'Fan-club memberships' });

export default function MembershipsPage() {
  return <MembershipsAdmin />;
}
