'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { Review, EventReviews as ReviewPage } from '@/lib/api/fan-types';
import { describeError, type Problem } from '@/lib/api/problem';
import type { Reservation } from '@/lib/api/types';
import { formatAverageRating, isMine, ratingStars, ratings, reviewStanding } from '@/lib/community';
import { Byline } from './byline';
import styles from './fan-pages.module.css';
import { Pager } from './pager';
import { ProblemNotice } from './problem-notice';
import { loginPath, useSession } from './session';

const text = bilingual({
  ko: {
    reviews: '관람 후기',
    summary: (average: string, count: number) =>
      `평균 ${average}점 · 후기 ${count.toLocaleString('ko-KR')}개`,
    noReviews: '아직 후기가 없습니다.',
    loading: '후기를 불러오는 중…',
    stars: (rating: number) => `별점 5점 만점에 ${rating}점`,
    badge: '예매 인증',
    badgeHint: '이 공연을 예매하고 결제까지 마친 분만 후기를 쓸 수 있습니다.',
    write: '후기 쓰기',
    rating: '별점',
    ratingOption: (rating: number) => `${rating}점 ${ratingStars(rating)}`,
    body: '후기',
    submit: '후기 등록',
    save: '저장',
    cancel: '취소',
    edit: '수정',
    delete: '삭제',
    confirmDelete: '이 후기를 삭제할까요?',
    signIn: '로그인하고 후기 쓰기',
    needsBooking: '예매를 완료한 분만 후기를 쓸 수 있습니다.',
    book: '예매하러 가기',
    reviewed: '이 공연의 후기를 남기셨습니다. 아래에서 수정하거나 삭제할 수 있습니다.',
    posted: '후기를 등록했습니다.',
  },
  en: {
    reviews: 'Reviews',
    summary: (average: string, count: number) =>
      `Average ${average} · ${count.toLocaleString('en-US')} ${count === 1 ? 'review' : 'reviews'}`,
    noReviews: 'No reviews yet.',
    loading: 'Loading reviews…',
    stars: (rating: number) => `Rated ${rating} out of 5`,
    badge: 'Ticket holder',
    badgeHint: 'Only fans who booked and paid for this event can review it.',
    write: 'Write a review',
    rating: 'Rating',
    ratingOption: (rating: number) => `${rating} ${ratingStars(rating)}`,
    body: 'Review',
    submit: 'Post review',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    confirmDelete: 'Delete this review?',
    signIn: 'Sign in to write a review',
    needsBooking: 'Only fans with a paid booking can review this event.',
    book: 'Book tickets',
    reviewed: 'You have reviewed this event. Edit or delete your review below.',
    posted: 'Your review is up.',
  },
});

/**
 * An event's reviews with their average, and the form for a fan with a confirmed booking. community-service
 * takes a review only from a holder of a confirmed reservation, so every review carries the ticket badge.
 */
export function EventReviews({ eventId }: { eventId: string }) {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const viewerId = account?.id;
  const [page, setPage] = useState(1);
  const [reviews, setReviews] = useState<ReviewPage | undefined>();
  const [confirmed, setConfirmed] = useState<Reservation[] | undefined>();
  const [mine, setMine] = useState<Review | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [posted, setPosted] = useState(false);

  const load = useCallback(async () => {
    try {
      setReviews(await api.community.reviews(eventId, page));
      setProblem(undefined);
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  }, [eventId, page, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!account) return;
    let live = true;
    api.reservations
      .list({ status: 'CONFIRMED', size: 100 })
      .then((held) => {
        if (live) setConfirmed(held.items);
      })
      .catch((error: unknown) => {
        if (live) setProblem(describeError(error, {}, locale));
      });
    return () => {
      live = false;
    };
  }, [account, locale]);

  const shown = reviews?.items ?? [];
  // Undefined until the fan's bookings are in, so a ticket holder never sees "book first" flash by.
  const standing =
    account === null || confirmed
      ? reviewStanding({
          eventId,
          viewerId: account?.id,
          reviews: mine ? [...shown, mine] : shown,
          reservations: confirmed ?? [],
        })
      : undefined;

  const write = async (review: { rating: number; body: string }) => {
    setPosted(false);
    setMine(await api.community.writeReview(eventId, review));
    setPosted(true);
    if (page === 1) await load();
    else setPage(1);
  };

  const average = reviews ? formatAverageRating(reviews.summary.averageRating) : null;

  return (
    <>
      <section aria-labelledby="write-review-heading" className="panel">
        <h2 id="write-review-heading">{t.write}</h2>
        <p className="muted small">{t.badgeHint}</p>
        {posted ? (
          <p className="success" role="status">
            {t.posted}
          </p>
        ) : null}
        {account === null ? (
          <Link href={loginPath(`/events/${eventId}/reviews`)}>{t.signIn}</Link>
        ) : standing === 'can-review' ? (
          <ReviewForm submitLabel={t.submit} onSubmit={write} />
        ) : standing === 'needs-booking' ? (
          <p data-testid="review-needs-booking">
            {t.needsBooking} <Link href={`/events/${eventId}`}>{t.book}</Link>
          </p>
        ) : standing === 'reviewed' && !posted ? (
          <p>{t.reviewed}</p>
        ) : null}
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t.reviews}</h2>
        {problem ? <ProblemNotice problem={problem} /> : null}
        {reviews ? (
          <p className={styles.reviewSummary} data-testid="review-summary">
            {average === null ? t.noReviews : t.summary(average, reviews.summary.count)}
          </p>
        ) : problem ? null : (
          <p className="loading">{t.loading}</p>
        )}
        <ul className={styles.reviewList} data-testid="reviews-loaded">
          {shown.map((review) => (
            <ReviewItem key={review.id} review={review} viewerId={viewerId} onChanged={load} />
          ))}
        </ul>
        {reviews ? <Pager page={reviews.page} totalPages={reviews.totalPages} onPage={setPage} /> : null}
      </section>
    </>
  );
}

function ReviewItem({
  review,
  viewerId,
  onChanged,
}: {
  review: Review;
  viewerId: string | undefined;
  onChanged: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const locale = useLocale();
  const t = text[locale];
  const [problem, setProblem] = useState<Problem | undefined>();

  const remove = async () => {
    if (!window.confirm(t.confirmDelete)) return;
    setProblem(undefined);
    try {
      await api.community.deleteReview(review.id);
      await onChanged();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  };

  return (
    <li className={styles.reviewItem} data-testid="review" data-review-id={review.id}>
      {editing ? (
        <ReviewForm
          initial={review}
          submitLabel={t.save}
          onCancel={() => setEditing(false)}
          onSubmit={async (change) => {
            await api.community.editReview(review.id, change);
            setEditing(false);
            await onChanged();
          }}
        />
      ) : (
        <>
          <p className={styles.reviewHead}>
            <span className={styles.stars} role="img" aria-label={t.stars(review.rating)}>
              {ratingStars(review.rating)}
            </span>
            <span className={styles.ticketBadge} data-testid="ticket-badge">
              {t.badge}
            </span>
          </p>
          <Byline item={review} viewerId={viewerId} />
          <p className={styles.text} lang={writtenIn(review.body)}>
            {review.body}
          </p>
          {isMine(review, viewerId) ? (
            <div className="actions">
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t.edit}
              </button>
              <button type="button" className="link-button" onClick={() => void remove()}>
                {t.delete}
              </button>
            </div>
          ) : null}
        </>
      )}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </li>
  );
}

function ReviewForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { rating: number; body: string };
  submitLabel: string;
  onSubmit: (review: { rating: number; body: string }) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const locale = useLocale();
  const t = text[locale];
  const [rating, setRating] = useState(initial?.rating ?? 5);
  const [body, setBody] = useState(initial?.body ?? '');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit({ rating, body: body.trim() });
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.reviewForm} onSubmit={submit}>
      <label className="field" htmlFor={`${id}-rating`}>
        <span id={`${id}-rating-label`}>{t.rating}</span>
        {/* Named by its caption alone: a select inside its label would add the chosen option to its name. */}
        <select
          id={`${id}-rating`}
          aria-labelledby={`${id}-rating-label`}
          value={rating}
          onChange={(change) => setRating(Number(change.target.value))}
        >
          {ratings.map((value) => (
            <option key={value} value={value}>
              {t.ratingOption(value)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-body`}>
        <span>{t.body}</span>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={4}
          maxLength={5000}
          onChange={(change) => setBody(change.target.value)}
          required
        />
      </label>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
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
