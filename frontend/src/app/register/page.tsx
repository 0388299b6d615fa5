import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth-form';
import { safeReturnTo } from '@/lib/return-to';

export const metadata: Metadata = { title: '회원가입' };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { returnTo } = await searchParams;
  return <AuthForm mode="register" returnTo={safeReturnTo(returnTo)} />;
}
