import { AuthForm } from '@/components/auth-form';
import { titled } from '@/i18n/server';
import { safeReturnTo } from '@/lib/return-to';

export const generateMetadata = titled({ ko: '회원가입', en: 'Sign up' });

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { returnTo } = await searchParams;
  return <AuthForm mode="register" returnTo={safeReturnTo(returnTo)} />;
}
