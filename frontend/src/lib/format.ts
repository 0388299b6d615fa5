/**
 * Display rules for money, waits and dates, per language (Korean by default); sales run on Korea Standard
 * Time, so times show in Seoul's zone in both languages.
 */
import { bilingual, intlTags, type Locale } from '../i18n/locale';

const timeZone = 'Asia/Seoul';

/** Amounts are in the currency's minor unit, except KRW, which has none. */
export function formatMoney(amount: number, currency = 'KRW', locale: Locale = 'ko'): string {
  if (currency === 'KRW' && locale === 'ko') return `${amount.toLocaleString('ko-KR')}원`;
  const major = currency === 'KRW' ? amount : amount / 100;
  return new Intl.NumberFormat(intlTags[locale], { style: 'currency', currency }).format(major);
}

export function formatPriceRange(
  range: { min: number; max: number; currency: string },
  locale: Locale = 'ko',
): string {
  if (range.max === 0) return locale === 'ko' ? '가격 미정' : 'Price to be announced';
  if (range.min === range.max) return formatMoney(range.min, range.currency, locale);
  return `${formatMoney(range.min, range.currency, locale)} ~ ${formatMoney(range.max, range.currency, locale)}`;
}

/** "약 37초", "약 2분", "약 1시간 5분" ("about 2 min"); "계산 중" when there is no estimate yet. */
export function formatWait(seconds: number | null | undefined, locale: Locale = 'ko'): string {
  const ko = locale === 'ko';
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds))
    return ko ? '계산 중' : 'estimating';
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return ko ? `약 ${whole}초` : `about ${whole} s`;
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return ko ? `약 ${minutes}분` : `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (ko) return rest ? `약 ${hours}시간 ${rest}분` : `약 ${hours}시간`;
  return rest ? `about ${hours} h ${rest} min` : `about ${hours} h`;
}

export function formatCount(value: number | null | undefined, locale: Locale = 'ko'): string {
  return value === null || value === undefined ? '-' : value.toLocaleString(intlTags[locale]);
}

export function formatDateTime(iso: string | null | undefined, locale: Locale = 'ko'): string {
  if (!iso) return locale === 'ko' ? '미정' : 'to be announced';
  return new Intl.DateTimeFormat(intlTags[locale], {
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

const eventStatusWords = bilingual<Record<string, string>>({
  ko: {
    draft: '비공개',
    scheduled: '판매 예정',
    'on-sale': '예매 중',
    'sold-out': '매진',
    closed: '판매 종료',
    cancelled: '취소됨',
  },
  en: {
    draft: 'Private',
    scheduled: 'Coming soon',
    'on-sale': 'On sale',
    'sold-out': 'Sold out',
    closed: 'Sales ended',
    cancelled: 'Cancelled',
  },
});

const reservationStatusWords = bilingual<Record<string, string>>({
  ko: { PENDING_PAYMENT: '결제 대기', CONFIRMED: '예매 완료', CANCELLED: '취소됨', EXPIRED: '기한 만료' },
  en: {
    PENDING_PAYMENT: 'Awaiting payment',
    CONFIRMED: 'Booked',
    CANCELLED: 'Cancelled',
    EXPIRED: 'Expired',
  },
});

/** An event's sale status in a language. */
export const eventStatusLabelsIn = (locale: Locale) => eventStatusWords[locale];
/** A reservation's status in a language. */
export const reservationStatusLabelsIn = (locale: Locale) => reservationStatusWords[locale];
export const eventStatusLabels = eventStatusWords.ko;
export const reservationStatusLabels = reservationStatusWords.ko;
