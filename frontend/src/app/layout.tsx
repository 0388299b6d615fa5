import type { Metadata } from 'next';
import { SessionProvider } from '@/components/session';
import { SiteHeader } from '@/components/site-header';
import { bilingual } from '@/i18n/locale';
import { LocaleProvider } from '@/i18n/locale-context';
import { requestLocale } from '@/i18n/server';
import './globals.css';

const text = bilingual({
  ko: {
    site: 'URR 티켓',
    description: '공연 예매: 접속 대기, 예매 대기열, 좌석 선택, 결제까지 한 번에',
    skip: '본문으로 건너뛰기',
    footer: 'URR 티켓 · 서버가 붐벼도 순서대로 안내합니다',
  },
  en: {
    site: 'URR Tickets',
    description: 'Concert tickets: the waiting room, the queue, your seat and payment in one go',
    skip: 'Skip to content',
    footer: 'URR Tickets · in turn, however busy the servers are',
  },
});

export async function generateMetadata(): Promise<Metadata> {
  const t = text[await requestLocale()];
  return { title: { default: t.site, template: `%s | ${t.site}` }, description: t.description };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  const t = text[locale];
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t.skip}
        </a>
        <LocaleProvider locale={locale}>
          <SessionProvider>
            <SiteHeader />
            <main id="main" className="page" tabIndex={-1}>
              {children}
            </main>
            <footer className="site-footer">{t.footer}</footer>
          </SessionProvider>
        </LocaleProvider>
      </body>
    </html>
  );
}
