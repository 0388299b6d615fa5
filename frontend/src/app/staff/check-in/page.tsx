import { CheckInDesk } from '@/components/check-in-desk';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '입장 확인', en: 'Ticket check' });

export default function CheckInPage() {
  return <CheckInDesk />;
}
