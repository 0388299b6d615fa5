'use client';

import { createContext, useContext } from 'react';
import { defaultLocale, type Locale } from './locale';

const LocaleContext = createContext<Locale>(defaultLocale);

/** The page's language for client components, chosen on the server (`requestLocale`) by the root layout. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
