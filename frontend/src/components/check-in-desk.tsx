'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { createRequester } from '@/lib/api/http';
import { ApiProblem, describeError } from '@/lib/api/problem';
import { ticketCalls } from '@/lib/api/ticket-client';
import { admittedOutcome, type CheckInOutcome, offlineOutcome, refusedOutcome } from '@/lib/check-in-outcome';
import { checkTicketCodeOffline, type TicketCodeKey } from '@/lib/offline-ticket-check';
import { codeFromScan } from '@/lib/ticket-code';
import styles from './check-in-desk.module.css';
import { loginPath, useSession } from './session';

/** Same origin (the edge), an expired session renewed once: as the app's client, which has no ticket calls. */
const tickets = ticketCalls(createRequester({ baseUrl: '', refreshSession: true }));
const gateKey = 'urr-check-in-gate';
const codeKeysKey = 'urr-ticket-code-keys';

const text = bilingual({
  ko: {
    noCameraScan: '이 브라우저는 카메라 스캔을 지원하지 않습니다. 코드를 붙여 넣어 주세요.',
    cameraFailed: (reason: string) => `카메라를 열 수 없습니다: ${reason}`,
    checking: '확인 중…',
    signInFirst: '입장 확인은 스태프 계정으로 ',
    signIn: '로그인',
    signInAfter: '한 뒤 할 수 있습니다.',
    staffOnly: '입장 확인은 스태프 계정만 할 수 있습니다.',
    title: '입장 확인',
    gate: '입구',
    gateExample: '예: North gate 3',
    eventId: '공연 ID (선택: 다른 공연의 티켓을 거절합니다)',
    code: '티켓 코드',
    codeHint: 'QR 코드를 스캔하거나 코드를 붙여 넣으세요',
    admit: '입장 처리',
    cameraOff: '카메라 끄기',
    cameraOn: '카메라로 스캔',
  },
  en: {
    noCameraScan: "This browser can't scan with the camera. Paste the code instead.",
    cameraFailed: (reason: string) => `Can't open the camera: ${reason}`,
    checking: 'Checking…',
    signInFirst: 'To check tickets, ',
    signIn: 'sign in',
    signInAfter: ' with a staff account.',
    staffOnly: 'Only staff accounts can check tickets.',
    title: 'Ticket check',
    gate: 'Gate',
    gateExample: 'e.g. North gate 3',
    eventId: 'Event ID (optional: refuses tickets for other events)',
    code: 'Ticket code',
    codeHint: 'Scan the QR code or paste the code',
    admit: 'Admit',
    cameraOff: 'Turn the camera off',
    cameraOn: 'Scan with the camera',
  },
});

/** The door codes' public keys: fetched while online and kept, so the door can still check codes offline. */
async function loadCodeKeys(): Promise<readonly TicketCodeKey[]> {
  try {
    const { keys } = await tickets.keys();
    window.localStorage.setItem(codeKeysKey, JSON.stringify(keys));
    return keys;
  } catch {
    try {
      return JSON.parse(window.localStorage.getItem(codeKeysKey) ?? '[]') as TicketCodeKey[];
    } catch {
      return [];
    }
  }
}

/** The browser's QR reader (Chrome on Android, Safari 17+); not in TypeScript's DOM types yet. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;
const barcodeDetector = () => (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** Reads QR codes from the rear camera while on; hands each new one to `onCode`. */
function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = text[useLocale()];
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    const Detector = barcodeDetector();
    if (!Detector) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = '';
    let stopped = false;
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (opened) => {
        stream = opened;
        if (stopped || !video.current) return;
        video.current.srcObject = opened;
        await video.current.play();
        const detector = new Detector({ formats: ['qr_code'] });
        timer = setInterval(() => {
          if (!video.current) return;
          void detector.detect(video.current).then((found) => {
            const text = found[0]?.rawValue;
            if (text && text !== last) {
              last = text;
              onCode(text);
            }
          });
        }, 300);
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);

  if (!barcodeDetector()) return <p className="muted small">{t.noCameraScan}</p>;
  return (
    <>
      <video ref={video} className={styles.video} muted playsInline />
      {failed ? <p className="muted small">{t.cameraFailed(failed)}</p> : null}
    </>
  );
}

/**
 * The door's check-in page (staff and admins): scan or paste a ticket's door code; the answer says admit
 * or not, and for a ticket already used, when and at which gate (docs/adr/0039).
 */
export function CheckInDesk() {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const [gate, setGate] = useState('');
  const [eventId, setEventId] = useState('');
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CheckInOutcome | undefined>();
  const codeKeys = useRef<readonly TicketCodeKey[]>([]);

  useEffect(() => {
    setGate(window.localStorage.getItem(gateKey) ?? '');
    void loadCodeKeys().then((keys) => {
      codeKeys.current = keys;
    });
  }, []);

  const submit = useCallback(
    async (text: string) => {
      const scanned = codeFromScan(text);
      if (!scanned || !gate.trim()) return;
      window.localStorage.setItem(gateKey, gate.trim());
      // The last answer goes at once, so the door never reads it as this scan's.
      setOutcome(undefined);
      setBusy(true);
      try {
        const admitted = await tickets.checkIn({
          code: scanned,
          gate: gate.trim(),
          ...(eventId.trim() ? { eventId: eventId.trim() } : {}),
        });
        setOutcome(admittedOutcome(admitted, locale));
        setCode('');
      } catch (error) {
        if (error instanceof ApiProblem) setOutcome(refusedOutcome(error.problem, locale));
        else if (codeKeys.current.length > 0)
          setOutcome(
            offlineOutcome(await checkTicketCodeOffline(scanned, codeKeys.current, Date.now()), locale),
          );
        else setOutcome(refusedOutcome(describeError(error, {}, locale), locale));
      } finally {
        setBusy(false);
      }
    },
    [gate, eventId, locale],
  );

  const onScanned = useCallback(
    (text: string) => {
      setCode(text);
      void submit(text);
    },
    [submit],
  );

  if (account === undefined) return <p className="loading">{t.checking}</p>;
  if (account === null)
    return (
      <p>
        {t.signInFirst}
        <Link href={loginPath('/staff/check-in')}>{t.signIn}</Link>
        {t.signInAfter}
      </p>
    );
  if (account.role !== 'staff' && account.role !== 'admin') return <p>{t.staffOnly}</p>;

  return (
    <section className="check-in-desk">
      <h1>{t.title}</h1>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void submit(code);
        }}
      >
        <label>
          {t.gate}
          <input
            name="gate"
            required
            maxLength={100}
            value={gate}
            onChange={(event) => setGate(event.target.value)}
            placeholder={t.gateExample}
          />
        </label>
        <label>
          {t.eventId}
          <input name="eventId" value={eventId} onChange={(event) => setEventId(event.target.value)} />
        </label>
        <label>
          {t.code}
          <textarea
            name="code"
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
            placeholder={t.codeHint}
          />
        </label>
        <button type="submit" className="button" disabled={busy || !gate.trim() || !code.trim()}>
          {t.admit}
        </button>
        <button type="button" className="button secondary" onClick={() => setCamera((on) => !on)}>
          {camera ? t.cameraOff : t.cameraOn}
        </button>
      </form>
      {camera ? <CameraScanner onCode={onScanned} /> : null}
      {outcome ? (
        <div
          className={`${styles.outcome} ${outcome.admitted ? (outcome.offline ? styles.provisional : styles.admitted) : styles.refused}`}
          role="status"
          data-testid="check-in-outcome"
          data-admitted={outcome.admitted}
          data-offline={outcome.offline ?? false}
        >
          <strong>{outcome.title}</strong>
          <p>{outcome.detail}</p>
        </div>
      ) : null}
    </section>
  );
}
