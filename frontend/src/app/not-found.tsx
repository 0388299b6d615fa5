import Link from 'next/link';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';

const text = bilingual({
  ko: {
    title: '페이지를 찾을 수 없습니다',
    body: '주소가 바뀌었거나 삭제된 페이지입니다.',
    home: '공연 목록으로',
  },
  en: {
    title: 'Page not found',
    body: 'The address has changed or the page was removed.',
    home: 'Back to the events',
  },
});

export default async function NotFound() {
  const t = text[await requestLocale()];
  return (
    <section className="panel narrow">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <Link href="/" className="button">
        {t.home}
      </Link>
    </section>
  );
}
