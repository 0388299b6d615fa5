import type { Metadata } from 'next';
import { AdminDashboard } from '@/components/admin-dashboard';

export const metadata: Metadata = { title: '판매 현황' };

export default function AdminPage() {
  return <AdminDashboard />;
}
