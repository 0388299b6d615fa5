import type { Metadata } from 'next';
import { MyTransfers } from '@/components/my-transfers';

export const metadata: Metadata = { title: '양도 내역' };

export default function MyTransfersPage() {
  return <MyTransfers />;
}
