import type { Metadata } from 'next';
import { SessionProvider } from '@/components/session';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'URR 티켓', template: '%s | URR 티켓' },
  description: '공연 예매: 접속 대기, 예매 대기열, 좌석 선택, 결제까지 한 번에',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko">
      <body>
        <a href="#main" className="skip-link">
          본문으로 건너뛰기
        </a>
        <SessionProvider>
          <SiteHeader />
          <main id="main" className="page" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">URR 티켓 · 서버가 붐벼도 순서대로 안내합니다</footer>
        </SessionProvider>
      </body>
    </html>
  );
}
