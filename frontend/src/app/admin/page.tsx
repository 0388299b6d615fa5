import { AdminDashboard } from '@/components/admin-dashboard';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '판매 현황', en: 'Sales' });

export default function AdminPage() {
  return <AdminDashboard />;
}
