import { ModerationQueue } from '@/components/moderation-queue';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '커뮤니티 관리', en: 'Moderation' });

export default function ModerationPage() {
  return <ModerationQueue />;
}
