'use client';

import { useId, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { describeError, type Problem } from '@/lib/api/problem';
import styles from './fan-pages.module.css';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: { cancel: '취소', saving: '저장하는 중…' },
  en: { cancel: 'Cancel', saving: 'Saving…' },
});

/** One comment's text, new or edited; the caller saves it and may throw a problem. */
export function CommentForm({
  label,
  initial = '',
  submitLabel,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const locale = useLocale();
  const t = text[locale];
  const id = useId();
  const [body, setBody] = useState(initial);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit(body.trim());
      setBody('');
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.commentForm} onSubmit={submit}>
      <label className="field" htmlFor={id}>
        <span>{label}</span>
        <textarea
          id={id}
          value={body}
          rows={3}
          maxLength={2000}
          onChange={(change) => setBody(change.target.value)}
          required
        />
      </label>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <div className="actions">
        <button type="submit" className="button small" disabled={busy}>
          {busy ? t.saving : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button small secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
