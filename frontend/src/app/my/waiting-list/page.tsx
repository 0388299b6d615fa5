import { MyWaitingList } from '@/components/my-waiting-list';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '취소표 대기', en: 'My waiting lists' });

export default function MyWaitingListPage() {
  return <MyWaitingList />;
}
