import type { Metadata } from 'next';
import { MyMemberships } from '@/components/my-memberships';

export const metadata: Metadata = { title: '멤버십' };

export default function MyMembershipsPage() {
  return <MyMemberships />;
}
