import { MyProfile } from '@/components/my-profile';
import { SignOutEverywhere } from '@/components/sign-out-everywhere';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '마이페이지', en: 'My page' });

export default function MyPage() {
  return (
    <>
      <MyProfile />
      <SignOutEverywhere />
    </>
  );
}
