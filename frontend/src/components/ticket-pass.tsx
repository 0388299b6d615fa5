'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { createRequester } from '@/lib/api/http';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import { type HeldTicket, type TicketPass as Pass, ticketCalls } from '@/lib/api/ticket-client';
import { formatDateTime } from '@/lib/format';
import { nextCodeFetchMs, qrPathOf, secondsLeft } from '@/lib/ticket-code';
import { ProblemNotice } from './problem-notice';
import { loginPath } from './session';
import styles from './ticket-pass.module.css';

/** Same origin (the edge), an expired session renewed once: as the app's client, which has no ticket calls. */
const tickets = ticketCalls(createRequester({ baseUrl: '', refreshSession: true }));

const text = bilingual({
  ko: {
    title: '모바일 티켓',
    lead: '입장할 때 이 화면의 QR 코드를 보여 주세요. 코드는 30초마다 바뀌므로 캡처한 화면으로는 입장할 수 없습니다.',
    loading: '티켓을 불러오는 중…',
    back: '내 예매로 돌아가기',
    ticket: (number: number, count: number) => `티켓 ${number} / ${count}`,
    used: (when: string, gate: ReactNode) => (
      <>
        {when} {gate}에서 입장 처리됨
      </>
    ),
    qr: (label: string) => `${label} 입장 QR 코드`,
    renews: (seconds: number) => `${seconds}초 뒤 새 코드로 바뀝니다`,
    showCode: '코드 직접 보기',
  },
  en: {
    title: 'Mobile ticket',
    lead: "Show this screen's QR code at the door. The code changes every 30 seconds, so a screenshot won't get you in.",
    loading: 'Loading your tickets…',
    back: 'Back to My bookings',
    ticket: (number: number, count: number) => `Ticket ${number} of ${count}`,
    used: (when: string, gate: ReactNode) => (
      <>
        Admitted at {gate}, {when}
      </>
    ),
    qr: (label: string) => `${label}: entry QR code`,
    renews: (seconds: number) => `A new code in ${seconds} s`,
    showCode: 'Show the code as text',
  },
});

function TicketCode({
  ticket,
  count,
  validUntil,
}: {
  ticket: HeldTicket;
  count: number;
  validUntil: string;
}) {
  const locale = useLocale();
  const t = text[locale];
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const label = t.ticket(ticket.number, count);
  // Drawn once per code, not on every tick of the countdown.
  const symbol = useMemo(() => (ticket.code ? qrPathOf(ticket.code) : undefined), [ticket.code]);
  if (!ticket.code || !symbol)
    return (
      <li className={styles.ticket} data-ticket-number={ticket.number} data-used="true">
        <h2>{label}</h2>
        <p className={styles.used}>
          {t.used(
            ticket.usedAt ? formatDateTime(ticket.usedAt, locale) : '',
            <span lang={writtenIn(ticket.gate)}>{ticket.gate}</span>,
          )}
        </p>
      </li>
    );
  const { path, size } = symbol;
  return (
    <li className={styles.ticket} data-ticket-number={ticket.number}>
      <h2>{label}</h2>
      <svg
        className={styles.qr}
        viewBox={`0 0 ${size} ${size}`}
        shapeRendering="crispEdges"
        role="img"
        aria-label={t.qr(label)}
      >
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <p className="muted small" aria-live="off">
        {t.renews(secondsLeft(validUntil, now))}
      </p>
      <details>
        <summary className="small">{t.showCode}</summary>
        <code className={styles.code} data-testid="ticket-code">
          {ticket.code}
        </code>
      </details>
    </li>
  );
}

/**
 * A paid reservation's tickets, each with its door code. The code changes every 30 s (a screenshot stops
 * working), so the page fetches the current codes as each window ends (docs/adr/0039).
 */
export function TicketPass({ reservationId }: { reservationId: string }) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [pass, setPass] = useState<Pass | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const current = await tickets.pass(reservationId);
        if (stopped) return;
        setPass(current);
        setProblem(undefined);
        timer = setTimeout(() => void load(), nextCodeFetchMs(current.validUntil, Date.now()));
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 401) {
          router.replace(loginPath(`/my/tickets/${reservationId}`));
          return;
        }
        setProblem(describeError(error, {}, locale));
        // A dropped connection comes back; a ticket that is not (or no longer) mine does not.
        if (!(error instanceof ApiProblem)) timer = setTimeout(() => void load(), 5000);
        else setPass(undefined);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reservationId, router, locale]);

  return (
    <section className="ticket-pass">
      <h1>{t.title}</h1>
      <p className="muted">{t.lead}</p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {pass ? (
        <ul className={styles.tickets} data-testid="tickets-loaded">
          {pass.tickets.map((ticket) => (
            <TicketCode
              key={ticket.number}
              ticket={ticket}
              count={pass.ticketCount}
              validUntil={pass.validUntil}
            />
          ))}
        </ul>
      ) : problem ? null : (
        <p className="loading">{t.loading}</p>
      )}
      <p>
        <Link href="/my/reservations">{t.back}</Link>
      </p>
    </section>
  );
}
