import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth-form';
import { safeReturnTo } from '@/lib/return-to';

export const metadata: Metadata = { title: '로그인' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { returnTo } = await searchParams;
  return <AuthForm mode="login" returnTo={safeReturnTo(returnTo)} />;
}
