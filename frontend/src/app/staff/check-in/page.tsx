import type { Metadata } from 'next';
import { CheckInDesk } from '@/components/check-in-desk';

export const metadata: Metadata = { title: '입장 확인' };

export default function CheckInPage() {
  return <CheckInDesk />;
}
