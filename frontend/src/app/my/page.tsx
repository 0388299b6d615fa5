import type { Metadata } from 'next';
import { MyProfile } from '@/components/my-profile';
import { SignOutEverywhere } from '@/components/sign-out-everywhere';

export const metadata: Metadata = { title: '마이페이지' };

export default function MyPage() {
  return (
    <>
      <MyProfile />
      <SignOutEverywhere />
    </>
  );
}
