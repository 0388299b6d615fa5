import { MyTransfers } from '@/components/my-transfers';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '양도 내역', en: 'Transfers' });

export default function MyTransfersPage() {
  return <MyTransfers />;
}
