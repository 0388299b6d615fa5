'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { WaitingListPlace } from '@/lib/api/waiting-list-client';
import { formatMoney } from '@/lib/format';
import { ProblemNotice } from './problem-notice';
import { useSession } from './session';

const text = bilingual({
  ko: {
    heading: '취소표 대기',
    intro:
      '매진된 공연입니다. 대기 명단에 오르면 취소되거나 돌아온 좌석이 들어온 순서대로 배정되고, 정해진 시간 안에 결제하시면 됩니다.',
    grades: '원하는 등급',
    ticketType: '원하는 티켓',
    maxPrice: '1매당 최대 금액',
    quantity: '매수',
    join: '대기 명단에 오르기',
    joining: '등록하는 중…',
    place: (name: string, position: number) => `${name}: ${position}번째`,
    waiting: '대기 중입니다.',
    offered: '좌석이 확보되었습니다. 시간 안에 결제해 주세요.',
    pay: '결제하기',
    mine: '내 대기 현황 보기',
  },
  en: {
    heading: 'Waiting list',
    intro:
      'This show is sold out. Join the waiting list: seats that come back are offered in the order fans joined, to pay within a set time.',
    grades: 'Grades you want',
    ticketType: 'Ticket you want',
    maxPrice: 'Most you pay per ticket',
    quantity: 'Tickets',
    join: 'Join the waiting list',
    joining: 'Joining…',
    place: (name: string, position: number) => `${name}: number ${position} in line`,
    waiting: 'You are in line.',
    offered: 'Seats are held for you. Pay before the time runs out.',
    pay: 'Pay now',
    mine: 'My waiting lists',
  },
});

interface Choice {
  readonly name: string;
  readonly price: number;
  /** A standing sale's ticket type; grades go by name. */
  readonly id?: string;
}

/**
 * The event page's waiting-list control: while the sale's list is open (the operator opens it once the
 * sale sells out), a signed-in fan joins it with the grades (or ticket type), the most they pay and how
 * many; once in line, their place per grade and, when seats are held for them, the way to pay.
 */
export function WaitingListJoin({
  eventId,
  kind,
  performanceId,
}: {
  eventId: string;
  kind: 'seated' | 'standing';
  /** Any performance of a seated sale: its seat map names the grades. */
  performanceId: string | undefined;
}) {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const [place, setPlace] = useState<WaitingListPlace | undefined>();
  const [choices, setChoices] = useState<Choice[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [maxPrice, setMaxPrice] = useState(0);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();

  const load = useCallback(async () => {
    try {
      setPlace(await api.waitingList.place(eventId));
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  }, [eventId, locale]);

  useEffect(() => {
    if (account) void load();
  }, [account, load]);

  const open = place?.listState === 'open' && !place.entry;
  useEffect(() => {
    if (!open) return;
    let live = true;
    const loadChoices: Promise<Choice[]> =
      kind === 'seated'
        ? performanceId
          ? api.waitingList.grades(eventId, performanceId)
          : Promise.resolve([])
        : api.waitingList
            .ticketTypes(eventId)
            .then((types) =>
              types.items.map((type) => ({ id: type.id, name: type.name, price: type.price })),
            );
    loadChoices
      .then((found) => {
        if (!live) return;
        setChoices(found);
        setChosen(found.slice(0, 1).map((choice) => choice.id ?? choice.name));
        setMaxPrice(Math.max(0, ...found.map((choice) => choice.price)));
      })
      .catch((error: unknown) => {
        if (live) setProblem(describeError(error, {}, locale));
      });
    return () => {
      live = false;
    };
  }, [open, kind, eventId, performanceId, locale]);

  if (!account || !place) return problem ? <ProblemNotice problem={problem} /> : null;
  const entry = place.entry;
  if (!entry && place.listState !== 'open') return null;

  const join = async (submit: React.FormEvent) => {
    submit.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.waitingList.join(
        eventId,
        kind === 'seated'
          ? { grades: chosen, maxPrice, quantity }
          : { ticketTypeId: chosen[0] ?? '', maxPrice, quantity },
      );
      await load();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (key: string) =>
    setChosen((current) =>
      kind === 'standing'
        ? [key]
        : current.includes(key)
          ? current.filter((k) => k !== key)
          : [...current, key],
    );

  return (
    <section className="waiting-list" aria-labelledby="waiting-list-heading" data-testid="waiting-list">
      <h2 id="waiting-list-heading">{t.heading}</h2>
      {entry ? (
        <div role="status" data-testid="waiting-list-entry" data-status={entry.status}>
          {entry.status === 'offered' && entry.offer ? (
            <p className="success">
              {t.offered}{' '}
              <Link href={`/reservations/${entry.offer.reservationId}/payment`} className="button small">
                {t.pay}
              </Link>
            </p>
          ) : (
            <>
              <p>{t.waiting}</p>
              <ul className="plain" data-testid="waiting-list-places">
                {entry.places.map((line) => (
                  <li key={line.forId}>{t.place(line.name, line.position)}</li>
                ))}
              </ul>
            </>
          )}
          <p className="small">
            <Link href="/my/waiting-list">{t.mine}</Link>
          </p>
        </div>
      ) : (
        <form onSubmit={join} aria-labelledby="waiting-list-heading">
          <p className="muted">{t.intro}</p>
          <fieldset className="field">
            <legend>{kind === 'seated' ? t.grades : t.ticketType}</legend>
            {choices.map((choice) => {
              const key = choice.id ?? choice.name;
              return (
                <label key={key} className="field inline">
                  <input
                    type={kind === 'seated' ? 'checkbox' : 'radio'}
                    name="waiting-list-choice"
                    checked={chosen.includes(key)}
                    onChange={() => toggle(key)}
                  />
                  {choice.name} · {formatMoney(choice.price, 'KRW', locale)}
                </label>
              );
            })}
          </fieldset>
          <div className="field-row">
            <label className="field">
              <span>{t.maxPrice}</span>
              <input
                type="number"
                min={0}
                step={1000}
                value={maxPrice}
                onChange={(change) => setMaxPrice(Number(change.target.value))}
                required
              />
            </label>
            <label className="field">
              <span>{t.quantity}</span>
              <select value={quantity} onChange={(change) => setQuantity(Number(change.target.value))}>
                {[1, 2, 3, 4].map((count) => (
                  <option key={count} value={count}>
                    {count}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button type="submit" className="button" disabled={busy || chosen.length === 0}>
            {busy ? t.joining : t.join}
          </button>
        </form>
      )}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </section>
  );
}
