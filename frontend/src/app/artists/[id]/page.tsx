import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EventCard } from '@/components/event-card';
import { JoinFanClub } from '@/components/join-fan-club';
import { ProblemNotice } from '@/components/problem-notice';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import { writtenIn } from '@/i18n/written-in';
import type { ArtistDetail } from '@/lib/api/fan-types';
import { ApiProblem, describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';
import { formatCount } from '@/lib/format';

const text = bilingual({
  ko: {
    fallbackTitle: '아티스트',
    events: '공연',
    eventCount: (count: string) => `공연 ${count}개`,
    noEvents: '지금 예매할 수 있는 공연이 없습니다.',
  },
  en: {
    fallbackTitle: 'Artist',
    events: 'Events',
    eventCount: (count: string) => `${count} events`,
    noEvents: 'No events on sale right now.',
  },
});

type Params = Promise<{ id: string }>;

async function load(
  id: string,
): Promise<{ artist: ArtistDetail } | { problem: ReturnType<typeof describeError> }> {
  try {
    return { artist: await serverApi().artists.get(id) };
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 400)) notFound();
    return { problem: describeError(error, {}, await requestLocale()) };
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await load(id);
  return { title: 'artist' in result ? result.artist.name : text[await requestLocale()].fallbackTitle };
}

export default async function ArtistPage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await load(id);
  if ('problem' in result) return <ProblemNotice problem={result.problem} />;
  const { artist } = result;
  const locale = await requestLocale();
  const t = text[locale];

  return (
    <>
      <section className="hero">
        <h1 lang={writtenIn(artist.name)}>{artist.name}</h1>
        <p>{t.eventCount(formatCount(artist.eventCount, locale))}</p>
        <JoinFanClub artistId={artist.id} artistName={artist.name} />
      </section>
      <h2>{t.events}</h2>
      {artist.events.length === 0 ? (
        <p className="empty">{t.noEvents}</p>
      ) : (
        <ul className="event-grid">
          {artist.events.map((event) => (
            <li key={event.id}>
              <EventCard event={event} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
