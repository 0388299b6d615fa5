'use client';

import { useId, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { describeError, type Problem } from '@/lib/api/problem';
import styles from './fan-pages.module.css';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: { title: '제목', body: '내용', cancel: '취소', saving: '저장하는 중…' },
  en: { title: 'Title', body: 'Text', cancel: 'Cancel', saving: 'Saving…' },
});

/** A post's title and text, for a new post or an edit; the caller saves it and may throw a problem. */
export function PostForm({
  initial = { title: '', body: '' },
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { title: string; body: string };
  submitLabel: string;
  onSubmit: (post: { title: string; body: string }) => Promise<void>;
  onCancel?: () => void;
}) {
  const locale = useLocale();
  const t = text[locale];
  const id = useId();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit({ title: title.trim(), body: body.trim() });
      setTitle('');
      setBody('');
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.postForm} onSubmit={submit}>
      <label className="field" htmlFor={`${id}-title`}>
        <span>{t.title}</span>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          onChange={(change) => setTitle(change.target.value)}
          required
        />
      </label>
      <label className="field" htmlFor={`${id}-body`}>
        <span>{t.body}</span>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={5}
          maxLength={10_000}
          onChange={(change) => setBody(change.target.value)}
          required
        />
      </label>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t.saving : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
