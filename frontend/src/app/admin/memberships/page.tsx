import type { Metadata } from 'next';
import { MembershipsAdmin } from '@/components/memberships-admin';

export const metadata: Metadata = { title: '팬클럽 멤버십' };

export default function MembershipsPage() {
  return <MembershipsAdmin />;
}
