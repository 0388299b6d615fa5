'use client';

import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { localInputOf } from '@/lib/admin-forms';
import type { AdminEventDetail } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { Performance, TicketType } from '@/lib/api/types';
import { instantOf } from '@/lib/event-setup';
import { formatCount, formatDateTime, formatMoney } from '@/lib/format';
import styles from './organiser.module.css';

const text = bilingual({
  ko: {
    performances: '회차',
    startsAt: '시작',
    endsAt: '종료 (선택)',
    save: '저장',
    remove: '삭제',
    confirmRemove: (when: string) => `${when} 회차를 삭제할까요? 예매가 있는 회차는 삭제되지 않습니다.`,
    add: '회차 추가',
    noPerformances: '회차가 없습니다.',
    seatedNote: '지정석 공연은 새 회차에 좌석 배치도의 좌석이 만들어집니다.',
    ticketTypes: '티켓 종류 (스탠딩)',
    name: '이름',
    price: (currency: string) => `가격 (${currency})`,
    quantity: '수량',
    perUserLimit: '1인 한도',
    remaining: (left: number) => `잔여 ${formatCount(left, 'ko')}`,
    performance: '회차',
    addTicketType: '티켓 종류 추가',
    noTicketTypes: '티켓 종류가 없습니다.',
    perPerformance: (when: string) => `${when} 회차`,
    dateMissing: '시작 일시를 입력해 주세요.',
    performanceSaved: '회차를 저장했습니다.',
    performanceRemoved: '회차를 삭제했습니다.',
    performanceAdded: '회차를 추가했습니다.',
    ticketTypeSaved: '티켓 종류를 저장했습니다.',
    ticketTypeAdded: '티켓 종류를 추가했습니다.',
    defaultTicketName: '스탠딩',
  },
  en: {
    performances: 'Performances',
    startsAt: 'Starts',
    endsAt: 'Ends (optional)',
    save: 'Save',
    remove: 'Delete',
    confirmRemove: (when: string) =>
      `Delete the performance on ${when}? A performance with bookings won't be deleted.`,
    add: 'Add a performance',
    noPerformances: 'No performances.',
    seatedNote: "For a seated event, a new performance gets the seat map's seats.",
    ticketTypes: 'Ticket types (standing)',
    name: 'Name',
    price: (currency: string) => `Price (${currency})`,
    quantity: 'Quantity',
    perUserLimit: 'Limit per person',
    remaining: (left: number) => `${formatCount(left, 'en')} left`,
    performance: 'Performance',
    addTicketType: 'Add a ticket type',
    noTicketTypes: 'No ticket types.',
    perPerformance: (when: string) => `Performance on ${when}`,
    dateMissing: 'Enter the start date and time.',
    performanceSaved: 'Performance saved.',
    performanceRemoved: 'Performance deleted.',
    performanceAdded: 'Performance added.',
    ticketTypeSaved: 'Ticket type saved.',
    ticketTypeAdded: 'Ticket type added.',
    defaultTicketName: 'Standing',
  },
});

const numberOf = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * An event's performances (add, move, delete) and, for a standing show, each performance's ticket types
 * (add, change). Every change reloads the event; failures go to `onError`.
 */
export function EventPerformances({
  detail,
  onChanged,
  onError,
}: {
  detail: AdminEventDetail;
  onChanged: (message: string) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { event } = detail;
  const locale = useLocale();
  const t = text[locale];
  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      await onChanged(message);
    } catch (error) {
      onError(error);
    }
  };

  return (
    <>
      <section className={styles.card} aria-labelledby="performances-title">
        <h2 id="performances-title">{t.performances}</h2>
        {event.kind === 'seated' ? <p className="muted small">{t.seatedNote}</p> : null}
        {detail.performances.length === 0 ? <p className="muted">{t.noPerformances}</p> : null}
        {detail.performances.map((performance) => (
          <PerformanceForm
            key={`${performance.id}-${performance.startsAt}-${performance.endsAt}`}
            performance={performance}
            onSave={(change) =>
              run(() => api.organiser.performances.update(performance.id, change), t.performanceSaved)
            }
            onRemove={() => {
              if (window.confirm(t.confirmRemove(formatDateTime(performance.startsAt, locale))))
                void run(() => api.organiser.performances.remove(performance.id), t.performanceRemoved);
            }}
          />
        ))}
        <PerformanceForm
          onSave={(change) =>
            run(
              () =>
                api.organiser.performances.add({
                  eventId: event.id,
                  startsAt: change.startsAt ?? '',
                  endsAt: change.endsAt,
                }),
              t.performanceAdded,
            )
          }
        />
      </section>

      {event.kind === 'standing' ? (
        <section className={styles.card} aria-labelledby="ticket-types-title">
          <h2 id="ticket-types-title">{t.ticketTypes}</h2>
          {detail.ticketTypes.length === 0 ? <p className="muted">{t.noTicketTypes}</p> : null}
          {detail.performances.map((performance) => {
            const types = detail.ticketTypes.filter((type) => type.performanceId === performance.id);
            return types.length === 0 ? null : (
              <div key={performance.id}>
                <h3>{t.perPerformance(formatDateTime(performance.startsAt, locale))}</h3>
                {types.map((type) => (
                  <TicketTypeForm
                    key={`${type.id}-${type.price}-${type.quantity}-${type.perUserLimit}-${type.name}`}
                    type={type}
                    currency={event.currency}
                    onSave={(change) =>
                      run(() => api.organiser.ticketTypes.update(type.id, change), t.ticketTypeSaved)
                    }
                  />
                ))}
              </div>
            );
          })}
          {detail.performances.length > 0 ? (
            <NewTicketTypeForm
              performances={detail.performances}
              currency={event.currency}
              onAdd={(body) => run(() => api.admin.addTicketType(body), t.ticketTypeAdded)}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function PerformanceForm({
  performance,
  onSave,
  onRemove,
}: {
  performance?: Performance;
  onSave: (change: { startsAt?: string; endsAt?: string | null }) => Promise<void>;
  onRemove?: () => void;
}) {
  const [startsAt, setStartsAt] = useState(localInputOf(performance?.startsAt));
  const [endsAt, setEndsAt] = useState(localInputOf(performance?.endsAt));
  const [missing, setMissing] = useState(false);
  const locale = useLocale();
  const t = text[locale];
  const label = performance ? formatDateTime(performance.startsAt, locale) : t.add;
  return (
    <form
      className={styles.row}
      aria-label={label}
      data-testid={performance ? 'performance' : 'new-performance'}
      onSubmit={(submitted) => {
        submitted.preventDefault();
        const start = instantOf(startsAt);
        setMissing(!start);
        if (start) void onSave({ startsAt: start, endsAt: instantOf(endsAt) ?? null });
      }}
    >
      <label className="field">
        <span>{t.startsAt}</span>
        <input
          type="datetime-local"
          value={startsAt}
          onChange={(change) => setStartsAt(change.target.value)}
          required
        />
      </label>
      <label className="field">
        <span>{t.endsAt}</span>
        <input type="datetime-local" value={endsAt} onChange={(change) => setEndsAt(change.target.value)} />
      </label>
      <button type="submit" className="button secondary small">
        {performance ? t.save : t.add}
      </button>
      {onRemove ? (
        <button type="button" className="button danger small" onClick={onRemove}>
          {t.remove}
        </button>
      ) : null}
      {missing ? <span className="muted small">{t.dateMissing}</span> : null}
    </form>
  );
}

interface TicketTypeFields {
  readonly name: string;
  readonly price: string;
  readonly quantity: string;
  readonly perUserLimit: string;
}

function TicketTypeFieldset({
  fields,
  currency,
  onChange,
}: {
  fields: TicketTypeFields;
  currency: string;
  onChange: (fields: TicketTypeFields) => void;
}) {
  const t = text[useLocale()];
  const input = (name: keyof TicketTypeFields, label: string, numeric = true) => (
    <label className="field">
      <span>{label}</span>
      <input
        type={numeric ? 'number' : 'text'}
        min={numeric ? 0 : undefined}
        value={fields[name]}
        onChange={(change) => onChange({ ...fields, [name]: change.target.value })}
        required
      />
    </label>
  );
  return (
    <>
      {input('name', t.name, false)}
      {input('price', t.price(currency))}
      {input('quantity', t.quantity)}
      {input('perUserLimit', t.perUserLimit)}
    </>
  );
}

const fieldsOf = (type: TicketType): TicketTypeFields => ({
  name: type.name,
  price: String(type.price),
  quantity: String(type.quantity),
  perUserLimit: String(type.perUserLimit),
});
const bodyOf = (fields: TicketTypeFields) => ({
  name: fields.name.trim(),
  price: numberOf(fields.price),
  quantity: numberOf(fields.quantity),
  perUserLimit: numberOf(fields.perUserLimit),
});

function TicketTypeForm({
  type,
  currency,
  onSave,
}: {
  type: TicketType;
  currency: string;
  onSave: (change: ReturnType<typeof bodyOf>) => Promise<void>;
}) {
  const [fields, setFields] = useState(fieldsOf(type));
  const locale = useLocale();
  const t = text[locale];
  return (
    <form
      className={styles.row}
      aria-label={type.name}
      onSubmit={(submitted) => {
        submitted.preventDefault();
        void onSave(bodyOf(fields));
      }}
    >
      <TicketTypeFieldset fields={fields} currency={currency} onChange={setFields} />
      <span className="muted small">
        {t.remaining(type.remaining)} · {formatMoney(type.price, currency, locale)}
      </span>
      <button type="submit" className="button secondary small">
        {t.save}
      </button>
    </form>
  );
}

function NewTicketTypeForm({
  performances,
  currency,
  onAdd,
}: {
  performances: readonly Performance[];
  currency: string;
  onAdd: (body: ReturnType<typeof bodyOf> & { performanceId: string }) => Promise<void>;
}) {
  const [performanceId, setPerformanceId] = useState(performances[0]?.id ?? '');
  const locale = useLocale();
  const t = text[locale];
  const [fields, setFields] = useState<TicketTypeFields>({
    name: t.defaultTicketName,
    price: '88000',
    quantity: '500',
    perUserLimit: '4',
  });
  return (
    <form
      className={styles.row}
      aria-label={t.addTicketType}
      onSubmit={(submitted) => {
        submitted.preventDefault();
        void onAdd({ performanceId, ...bodyOf(fields) });
      }}
    >
      <label className="field">
        <span>{t.performance}</span>
        <select value={performanceId} onChange={(change) => setPerformanceId(change.target.value)}>
          {performances.map((performance) => (
            <option key={performance.id} value={performance.id}>
              {formatDateTime(performance.startsAt, locale)}
            </option>
          ))}
        </select>
      </label>
      <TicketTypeFieldset fields={fields} currency={currency} onChange={setFields} />
      <button type="submit" className="button small">
        {t.addTicketType}
      </button>
    </form>
  );
}
