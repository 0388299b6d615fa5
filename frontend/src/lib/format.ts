/** Display rules for money, waits and dates (Korean first; sales run on Korea Standard Time). */

const timeZone = 'Asia/Seoul';

export function formatMoney(amount: number, currency = 'KRW'): string {
  if (currency === 'KRW') return `${amount.toLocaleString('ko-KR')}원`;
  return new Intl.NumberFormat('ko-KR', { style: 'currency', currency }).format(amount / 100);
}

export function formatPriceRange(range: { min: number; max: number; currency: string }): string {
  if (range.max === 0) return '가격 미정';
  if (range.min === range.max) return formatMoney(range.min, range.currency);
  return `${formatMoney(range.min, range.currency)} ~ ${formatMoney(range.max, range.currency)}`;
}

/** "약 37초", "약 2분", "약 1시간 5분"; null when there is no estimate yet. */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '계산 중';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `약 ${whole}초`;
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return `약 ${minutes}분`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `약 ${hours}시간 ${rest}분` : `약 ${hours}시간`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toLocaleString('ko-KR');
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '미정';
  return new Intl.DateTimeFormat('ko-KR', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Seconds left until `iso` from `now`, never below zero. */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
}

/** "6:59" for a countdown. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export const eventStatusLabels: Record<string, string> = {
  draft: '비공개',
  scheduled: '판매 예정',
  'on-sale': '예매 중',
  'sold-out': '매진',
  closed: '판매 종료',
  cancelled: '취소됨',
};

export const reservationStatusLabels: Record<string, string> = {
  PENDING_PAYMENT: '결제 대기',
  CONFIRMED: '예매 완료',
  CANCELLED: '취소됨',
  EXPIRED: '기한 만료',
};
