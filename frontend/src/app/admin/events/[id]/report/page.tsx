import type { Metadata } from 'next';
import { SaleReportView } from '@/components/sale-report';

export const metadata: Metadata = { title: '판매 리포트' };

export default async function SaleReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SaleReportView eventId={id} />;
}
