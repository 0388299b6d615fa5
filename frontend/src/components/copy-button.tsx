'use client';

import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';

const text = bilingual({
  ko: {
    copy: '복사',
    copied: '복사했습니다',
    failed: '복사하지 못했습니다. 직접 선택해 복사해 주세요.',
  },
  en: {
    copy: 'Copy',
    copied: 'Copied',
    failed: "Couldn't copy. Select the text and copy it yourself.",
  },
});

/** Copies `value` to the clipboard and says so (a screen reader hears it through the live region). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const t = text[useLocale()];
  const copy = () =>
    navigator.clipboard
      .writeText(value)
      .then(() => setState('copied'))
      .catch(() => setState('failed'));
  return (
    <span>
      <button
        type="button"
        className="button secondary small"
        onClick={copy}
        aria-label={`${label} ${t.copy}`}
      >
        {t.copy}
      </button>{' '}
      <span role="status" className="muted small">
        {state === 'copied' ? t.copied : state === 'failed' ? t.failed : ''}
      </span>
    </span>
  );
}
