import { AuthForm } from '@/components/auth-form';
import { titled } from '@/i18n/server';
import { safeReturnTo } from '@/lib/return-to';

export const generateMetadata = titled({ ko: '로그인', en: 'Sign in' });

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { returnTo } = await searchParams;
  return <AuthForm mode="login" returnTo={safeReturnTo(returnTo)} />;
}
