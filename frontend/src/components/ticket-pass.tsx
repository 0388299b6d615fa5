'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
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

function TicketCode({
  ticket,
  count,
  validUntil,
}: {
  ticket: HeldTicket;
  count: number;
  validUntil: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const label = `티켓 ${ticket.number} / ${count}`;
  // Drawn once per code, not on every tick of the countdown.
  const symbol = useMemo(() => (ticket.code ? qrPathOf(ticket.code) : undefined), [ticket.code]);
  if (!ticket.code || !symbol)
    return (
      <li className={styles.ticket} data-ticket-number={ticket.number} data-used="true">
        <h2>{label}</h2>
        <p className={styles.used}>
          {ticket.usedAt ? formatDateTime(ticket.usedAt) : ''} {ticket.gate}에서 입장 처리됨
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
        aria-label={`${label} 입장 QR 코드`}
      >
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <p className="muted small" aria-live="off">
        {secondsLeft(validUntil, now)}초 뒤 새 코드로 바뀝니다
      </p>
      <details>
        <summary className="small">코드 직접 보기</summary>
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
        setProblem(describeError(error));
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
  }, [reservationId, router]);

  return (
    <section className="ticket-pass">
      <h1>모바일 티켓</h1>
      <p className="muted">
        입장할 때 이 화면의 QR 코드를 보여 주세요. 코드는 30초마다 바뀌므로 캡처한 화면으로는 입장할 수
        없습니다.
      </p>
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
        <p className="loading">티켓을 불러오는 중…</p>
      )}
      <p>
        <Link href="/my/reservations">내 예매로 돌아가기</Link>
      </p>
    </section>
  );
}
