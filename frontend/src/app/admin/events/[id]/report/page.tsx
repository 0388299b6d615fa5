import { SaleReportView } from '@/components/sale-report';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '판매 리포트', en: 'Sales report' });

export default async function SaleReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SaleReportView eventId={id} />;
}
