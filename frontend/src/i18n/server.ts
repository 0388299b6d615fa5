import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { type Locale, localeCookie, negotiateLocale } from './locale';

/** The language of the page being rendered on the server, from the request's cookie and headers. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(localeCookie)?.value, headerStore.get('accept-language'));
}

/** A page's `<title>` in the request's language (`export const generateMetadata = titled({ ko, en })`). */
export const titled = (titles: Readonly<Record<Locale, string>>) => async (): Promise<Metadata> => ({
  title: titles[await requestLocale()],
});
