'use client';

import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';

const text = bilingual({ ko: { label: '대기 진행률' }, en: { label: 'Progress in line' } });

/** How far the fan has come since joining the line (0..1), as a bar both waiting screens share. */
export function WaitProgress({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  const t = text[useLocale()];
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={t.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
