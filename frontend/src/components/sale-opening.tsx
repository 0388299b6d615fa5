'use client';

import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import type { AdminEvent } from '@/lib/api/types';
import {
  applyCommand,
  defaultSaleSettings,
  pauseCommand,
  type SaleSettings,
  saleSettingsIssues,
} from '@/lib/ticket-event-manifest';
import { CopyButton } from './copy-button';
import styles from './organiser.module.css';

const text = bilingual({
  ko: {
    title: '판매 열기 (TicketEvent)',
    intro:
      '대기실과 예매 대기열은 클러스터의 TicketEvent가 엽니다. 아래 명령을 kubectl로 실행하면 운영자(operator)가 예매 오픈 시각에 판매를 엽니다. 날짜는 이 공연의 예매 일정(선예매 포함)을 그대로 씁니다.',
    maxActiveUsers: '동시 예매 인원 (queue.maxActiveUsers)',
    threshold: '대기열 생략 기준 (queue.threshold)',
    expectedPeakUsers: '예상 최대 접속자 (expectedPeakUsers, 0이면 생략)',
    namespace: '네임스페이스',
    apply: 'kubectl apply 명령',
    pauseTitle: '일시 중지와 재개',
    pauseIntro:
      '일시 중지는 대기실과 대기열의 입장만 멈춥니다: 기다리는 분들은 자리를 지키고, 재개하면 멈춘 곳에서 이어집니다. 결제까지 막으려면 위의 상태를 "판매 종료"로 바꾸세요.',
    pause: '일시 중지 명령',
    resume: '재개 명령',
    draftWarning:
      '비공개(초안) 공연은 대기실을 열어도 예매할 수 없습니다. 상태를 "판매 예정"이나 "예매 중"으로 바꾸세요.',
  },
  en: {
    title: 'Open the sale (TicketEvent)',
    intro:
      "The cluster's TicketEvent opens the waiting room and the booking queue. Apply the command below with kubectl and the operator opens the sale at its opening time. It uses this event's sale dates (presale included) as they are.",
    maxActiveUsers: 'Fans booking at once (queue.maxActiveUsers)',
    threshold: 'Queue-skip threshold (queue.threshold)',
    expectedPeakUsers: 'Expected peak visitors (expectedPeakUsers, 0 to leave out)',
    namespace: 'Namespace',
    apply: 'kubectl apply command',
    pauseTitle: 'Pause and resume',
    pauseIntro:
      'Pausing only stops admission from the waiting room and the queue: people waiting keep their place, and resuming carries on where it stopped. To stop payments too, change the status above to "Sales ended".',
    pause: 'Pause command',
    resume: 'Resume command',
    draftWarning:
      'A private (draft) event can\'t be booked even with the waiting room open. Change its status to "Coming soon" or "On sale".',
  },
});

const numberOf = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/** The exact `kubectl apply` that opens this event's sale, and the commands that pause and resume it. */
export function SaleOpening({ event }: { event: AdminEvent }) {
  const [settings, setSettings] = useState<SaleSettings>(defaultSaleSettings);
  const locale = useLocale();
  const t = text[locale];
  const issues = saleSettingsIssues(settings, locale);
  const command = applyCommand(event, settings);
  const pause = pauseCommand(event.id, settings.namespace, true);
  const resume = pauseCommand(event.id, settings.namespace, false);

  const numberField = (name: 'maxActiveUsers' | 'threshold' | 'expectedPeakUsers', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={0}
        value={Number.isNaN(settings[name]) ? '' : settings[name]}
        onChange={(change) => setSettings({ ...settings, [name]: numberOf(change.target.value) })}
      />
    </label>
  );

  return (
    <section className={styles.card} aria-labelledby="sale-opening-title">
      <h2 id="sale-opening-title">{t.title}</h2>
      <p className="muted small">{t.intro}</p>
      {event.status === 'draft' ? <p className="warning">{t.draftWarning}</p> : null}
      <div className={styles.row}>
        {numberField('maxActiveUsers', t.maxActiveUsers)}
        {numberField('threshold', t.threshold)}
      </div>
      <div className={styles.row}>
        {numberField('expectedPeakUsers', t.expectedPeakUsers)}
        <label className="field">
          <span>{t.namespace}</span>
          <input
            value={settings.namespace}
            onChange={(change) => setSettings({ ...settings, namespace: change.target.value.trim() })}
          />
        </label>
      </div>
      {issues.length > 0 ? (
        <ul className={styles.issues} role="status">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : (
        <>
          <h3>{t.apply}</h3>
          <pre className={styles.code} data-testid="ticket-event-yaml">
            {command}
          </pre>
          <CopyButton value={command} label={t.apply} />
          <h3>{t.pauseTitle}</h3>
          <p className="muted small">{t.pauseIntro}</p>
          <pre className={styles.code}>{pause}</pre>
          <CopyButton value={pause} label={t.pause} />
          <pre className={styles.code}>{resume}</pre>
          <CopyButton value={resume} label={t.resume} />
        </>
      )}
    </section>
  );
}
