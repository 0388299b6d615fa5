'use client';

import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    title: '양도받기',
    hint: '보내는 분께 받은 양도 번호와 양도 코드를 입력하세요.',
    transferId: '양도 번호',
    claimCode: '양도 코드',
    submit: '받기',
    done: '양도받은 티켓이 내 예매에 추가되었습니다.',
  },
  en: {
    title: 'Claim a transfer',
    hint: 'Enter the transfer number and claim code the sender gave you.',
    transferId: 'Transfer number',
    claimCode: 'Claim code',
    submit: 'Claim',
    done: 'The ticket is now in your bookings.',
  },
});

/** Claims a transfer with its number and one-time code (`POST /api/v1/transfers/{id}/accept`). */
export function AcceptTransferForm({ onAccepted }: { onAccepted: () => Promise<void> }) {
  const [transferId, setTransferId] = useState('');
  const locale = useLocale();
  const t = text[locale];
  const [claimCode, setClaimCode] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const accept = async (submit: React.FormEvent) => {
    submit.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setDone(false);
    try {
      await api.transfers.accept(transferId.trim(), claimCode.trim());
      setDone(true);
      setTransferId('');
      setClaimCode('');
      await onAccepted();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="accept-transfer panel" onSubmit={accept} aria-labelledby="accept-transfer-heading">
      <h2 id="accept-transfer-heading">{t.title}</h2>
      <p className="muted small">{t.hint}</p>
      <div className="field-row">
        <label className="field">
          <span>{t.transferId}</span>
          <input value={transferId} onChange={(change) => setTransferId(change.target.value)} required />
        </label>
        <label className="field">
          <span>{t.claimCode}</span>
          <input
            value={claimCode}
            autoComplete="off"
            onChange={(change) => setClaimCode(change.target.value)}
            required
          />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t.submit}
        </button>
      </div>
      {done ? (
        <p className="success" role="status">
          {t.done}
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </form>
  );
}
