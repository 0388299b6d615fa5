'use client';

import { useState } from 'react';
import { localInputOf } from '@/lib/admin-forms';
import type { AdminEventDetail } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { Performance, TicketType } from '@/lib/api/types';
import { instantOf } from '@/lib/event-setup';
import { formatCount, formatDateTime, formatMoney } from '@/lib/format';
import styles from './organiser.module.css';

const text = {
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
  remaining: (left: number) => `잔여 ${formatCount(left)}`,
  performance: '회차',
  addTicketType: '티켓 종류 추가',
  noTicketTypes: '티켓 종류가 없습니다.',
  perPerformance: (when: string) => `${when} 회차`,
  dateMissing: '시작 일시를 입력해 주세요.',
} as const;

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
        <h2 id="performances-title">{text.performances}</h2>
        {event.kind === 'seated' ? <p className="muted small">{text.seatedNote}</p> : null}
        {detail.performances.length === 0 ? <p className="muted">{text.noPerformances}</p> : null}
        {detail.performances.map((performance) => (
          <PerformanceForm
            key={`${performance.id}-${performance.startsAt}-${performance.endsAt}`}
            performance={performance}
            onSave={(change) =>
              run(() => api.organiser.performances.update(performance.id, change), '회차를 저장했습니다.')
            }
            onRemove={() => {
              if (window.confirm(text.confirmRemove(formatDateTime(performance.startsAt))))
                void run(() => api.organiser.performances.remove(performance.id), '회차를 삭제했습니다.');
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
              '회차를 추가했습니다.',
            )
          }
        />
      </section>

      {event.kind === 'standing' ? (
        <section className={styles.card} aria-labelledby="ticket-types-title">
          <h2 id="ticket-types-title">{text.ticketTypes}</h2>
          {detail.ticketTypes.length === 0 ? <p className="muted">{text.noTicketTypes}</p> : null}
          {detail.performances.map((performance) => {
            const types = detail.ticketTypes.filter((type) => type.performanceId === performance.id);
            return types.length === 0 ? null : (
              <div key={performance.id}>
                <h3>{text.perPerformance(formatDateTime(performance.startsAt))}</h3>
                {types.map((type) => (
                  <TicketTypeForm
                    key={`${type.id}-${type.price}-${type.quantity}-${type.perUserLimit}-${type.name}`}
                    type={type}
                    currency={event.currency}
                    onSave={(change) =>
                      run(
                        () => api.organiser.ticketTypes.update(type.id, change),
                        '티켓 종류를 저장했습니다.',
                      )
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
              onAdd={(body) => run(() => api.admin.addTicketType(body), '티켓 종류를 추가했습니다.')}
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
  const label = performance ? formatDateTime(performance.startsAt) : text.add;
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
        <span>{text.startsAt}</span>
        <input
          type="datetime-local"
          value={startsAt}
          onChange={(change) => setStartsAt(change.target.value)}
          required
        />
      </label>
      <label className="field">
        <span>{text.endsAt}</span>
        <input type="datetime-local" value={endsAt} onChange={(change) => setEndsAt(change.target.value)} />
      </label>
      <button type="submit" className="button secondary small">
        {performance ? text.save : text.add}
      </button>
      {onRemove ? (
        <button type="button" className="button danger small" onClick={onRemove}>
          {text.remove}
        </button>
      ) : null}
      {missing ? <span className="muted small">{text.dateMissing}</span> : null}
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
      {input('name', text.name, false)}
      {input('price', text.price(currency))}
      {input('quantity', text.quantity)}
      {input('perUserLimit', text.perUserLimit)}
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
        {text.remaining(type.remaining)} · {formatMoney(type.price, currency)}
      </span>
      <button type="submit" className="button secondary small">
        {text.save}
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
  const [fields, setFields] = useState<TicketTypeFields>({
    name: '스탠딩',
    price: '88000',
    quantity: '500',
    perUserLimit: '4',
  });
  return (
    <form
      className={styles.row}
      aria-label={text.addTicketType}
      onSubmit={(submitted) => {
        submitted.preventDefault();
        void onAdd({ performanceId, ...bodyOf(fields) });
      }}
    >
      <label className="field">
        <span>{text.performance}</span>
        <select value={performanceId} onChange={(change) => setPerformanceId(change.target.value)}>
          {performances.map((performance) => (
            <option key={performance.id} value={performance.id}>
              {formatDateTime(performance.startsAt)}
            </option>
          ))}
        </select>
      </label>
      <TicketTypeFieldset fields={fields} currency={currency} onChange={setFields} />
      <button type="submit" className="button small">
        {text.addTicketType}
      </button>
    </form>
  );
}
