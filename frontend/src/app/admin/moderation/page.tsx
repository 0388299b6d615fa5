import type { Metadata } from 'next';
import { ModerationQueue } from '@/components/moderation-queue';

export const metadata: Metadata = { title: '커뮤니티 관리' };

export default function ModerationPage() {
  return <ModerationQueue />;
}
