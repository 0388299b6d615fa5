'use client';

import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import type {
  ModeratedComment,
  ModeratedPost,
  ModeratedReview,
  ModerationAction,
  ModerationCollection,
  ModerationStatus,
} from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import { formatCount, formatDateTime } from '@/lib/format';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    title: '커뮤니티 관리',
    collections: { posts: '게시글', comments: '댓글', reviews: '관람 후기' } as Record<
      ModerationCollection,
      string
    >,
    collectionLabel: '종류',
    statusLabel: '보기',
    statuses: { all: '전체', visible: '보이는 글', hidden: '숨긴 글' } as Record<ModerationStatus, string>,
    count: (total: number) => `${formatCount(total, 'ko')}건`,
    empty: '해당하는 글이 없습니다.',
    author: (id: string) => `작성자 ${id}`,
    rating: (stars: number) => `별점 ${stars}/5`,
    comments: (count: number) => `댓글 ${formatCount(count, 'ko')}`,
    hidden: '숨김',
    reason: '사유',
    reasonNeeded: '숨기려면 사유를 적어 주세요.',
    hide: '숨기기',
    unhide: '다시 보이기',
    remove: '삭제',
    confirmRemove: '이 글을 삭제할까요? 되돌릴 수 없습니다 (게시글은 댓글도 함께 지워집니다).',
    done: {
      hide: '숨겼습니다.',
      unhide: '다시 보이게 했습니다.',
      delete: '삭제했습니다.',
    } as Record<ModerationAction['action'], string>,
    more: '더 보기',
    logTitle: '관리 기록',
    logEmpty: '아직 기록이 없습니다.',
    when: '시각',
    what: '대상',
    action: '조치',
    admin: '관리자',
    kinds: { post: '게시글', comment: '댓글', review: '관람 후기' } as Record<
      ModerationAction['contentKind'],
      string
    >,
    actions: { hide: '숨김', unhide: '다시 보임', delete: '삭제' } as Record<
      ModerationAction['action'],
      string
    >,
  },
  en: {
    title: 'Moderation',
    collections: { posts: 'Posts', comments: 'Comments', reviews: 'Reviews' },
    collectionLabel: 'Type',
    statusLabel: 'Show',
    statuses: { all: 'All', visible: 'Visible', hidden: 'Hidden' },
    count: (total: number) => (total === 1 ? '1 item' : `${formatCount(total, 'en')} items`),
    empty: 'Nothing here.',
    author: (id: string) => `By ${id}`,
    rating: (stars: number) => `${stars}/5 stars`,
    comments: (count: number) => (count === 1 ? '1 comment' : `${formatCount(count, 'en')} comments`),
    hidden: 'Hidden',
    reason: 'Reason',
    reasonNeeded: 'Give a reason to hide it.',
    hide: 'Hide',
    unhide: 'Show again',
    remove: 'Delete',
    confirmRemove: "Delete this? It can't be undone (deleting a post deletes its comments too).",
    done: {
      hide: 'Hidden.',
      unhide: 'Visible again.',
      delete: 'Deleted.',
    },
    more: 'Show more',
    logTitle: 'Moderation log',
    logEmpty: 'Nothing logged yet.',
    when: 'When',
    what: 'Content',
    action: 'Action',
    admin: 'Admin',
    kinds: { post: 'Post', comment: 'Comment', review: 'Review' },
    actions: { hide: 'Hidden', unhide: 'Shown again', delete: 'Deleted' },
  },
});

type Item = ModeratedPost | ModeratedComment | ModeratedReview;
const collections: readonly ModerationCollection[] = ['posts', 'comments', 'reviews'];
const statuses: readonly ModerationStatus[] = ['all', 'visible', 'hidden'];

/** `/admin/moderation`: posts, comments and reviews with hidden ones, hide/unhide/delete, and the admins' log. */
export function ModerationQueue() {
  const [collection, setCollection] = useState<ModerationCollection>('posts');
  const [status, setStatus] = useState<ModerationStatus>('all');
  const [items, setItems] = useState<Item[]>([]);
  const [paging, setPaging] = useState({ page: 1, totalPages: 1, total: 0 });
  const [log, setLog] = useState<readonly ModerationAction[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const locale = useLocale();
  const t = text[locale];

  const load = useCallback(
    async (which: ModerationCollection, shown: ModerationStatus, upTo: number) => {
      try {
        const list = api.organiser.moderation[which];
        const [pages, actions] = await Promise.all([
          Promise.all(Array.from({ length: upTo }, (_, index) => list(shown, index + 1))),
          api.organiser.moderation.actions(),
        ]);
        const last = pages.at(-1);
        setItems(pages.flatMap((one) => one.items as Item[]));
        setPaging({ page: upTo, totalPages: last?.totalPages ?? 1, total: last?.total ?? 0 });
        setLog(actions.items);
      } catch (error) {
        setProblem(describeOrganiserError(error, locale));
      }
    },
    [locale],
  );

  useEffect(() => {
    void load(collection, status, 1);
  }, [load, collection, status]);

  const act = async (run: () => Promise<unknown>, action: ModerationAction['action']) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await run();
      setNotice(t.done[action]);
      await load(collection, status, paging.page);
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    }
  };

  return (
    <section className="admin">
      <AdminNav />
      <h1>{t.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}
      <div className={styles.row}>
        <label className="field">
          <span>{t.collectionLabel}</span>
          <select
            value={collection}
            onChange={(change) => setCollection(change.target.value as ModerationCollection)}
          >
            {collections.map((one) => (
              <option key={one} value={one}>
                {t.collections[one]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.statusLabel}</span>
          <select value={status} onChange={(change) => setStatus(change.target.value as ModerationStatus)}>
            {statuses.map((one) => (
              <option key={one} value={one}>
                {t.statuses[one]}
              </option>
            ))}
          </select>
        </label>
      </div>

      <h2>
        {t.collections[collection]} <span className="muted small">{t.count(paging.total)}</span>
      </h2>
      {items.length === 0 ? <p className="muted">{t.empty}</p> : null}
      <ul className="reservation-list" data-testid="moderation-items">
        {items.map((item) => (
          <li key={item.id}>
            <ModeratedItem
              item={item}
              onHide={(reason) =>
                act(() => api.organiser.moderation.hide(collection, item.id, reason), 'hide')
              }
              onUnhide={() => act(() => api.organiser.moderation.unhide(collection, item.id), 'unhide')}
              onRemove={(reason) => {
                if (window.confirm(t.confirmRemove))
                  void act(() => api.organiser.moderation.remove(collection, item.id, reason), 'delete');
              }}
            />
          </li>
        ))}
      </ul>
      {paging.page < paging.totalPages ? (
        <button
          type="button"
          className="button secondary"
          onClick={() => void load(collection, status, paging.page + 1)}
        >
          {t.more}
        </button>
      ) : null}

      <h2>{t.logTitle}</h2>
      <table className="table" data-testid="moderation-log">
        <thead>
          <tr>
            <th>{t.when}</th>
            <th>{t.what}</th>
            <th>{t.action}</th>
            <th>{t.reason}</th>
            <th>{t.admin}</th>
          </tr>
        </thead>
        <tbody>
          {log.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {t.logEmpty}
              </td>
            </tr>
          ) : null}
          {log.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.createdAt, locale)}</td>
              <td>
                {t.kinds[entry.contentKind]}{' '}
                <span className="muted small">{entry.contentId.slice(0, 8)}</span>
              </td>
              <td>{t.actions[entry.action]}</td>
              <td lang={writtenIn(entry.reason)}>{entry.reason ?? ''}</td>
              <td>{entry.adminId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ModeratedItem({
  item,
  onHide,
  onUnhide,
  onRemove,
}: {
  item: Item;
  onHide: (reason: string) => Promise<void>;
  onUnhide: () => Promise<void>;
  onRemove: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const locale = useLocale();
  const t = text[locale];
  const hidden = item.hiddenAt !== null;
  const heading = 'title' in item ? item.title : undefined;
  const reasonId = `reason-${item.id}`;
  return (
    <article
      className={`reservation-item${hidden ? ` ${styles.hidden}` : ''}`}
      aria-label={heading ?? item.body.slice(0, 40)}
      data-testid="moderated-item"
      data-hidden={hidden}
    >
      {heading ? <h3 lang={writtenIn(heading)}>{heading}</h3> : null}
      <p className={styles.quote} lang={writtenIn(item.body)}>
        {item.body}
      </p>
      <p className="muted small">
        {t.author(item.authorId)} · {formatDateTime(item.createdAt, locale)}
        {'rating' in item ? ` · ${t.rating(item.rating)}` : null}
        {'commentCount' in item ? ` · ${t.comments(item.commentCount)}` : null}
      </p>
      {hidden ? (
        <p className="warning">
          {t.hidden}
          {item.hiddenReason ? (
            <>
              : <span lang={writtenIn(item.hiddenReason)}>{item.hiddenReason}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <div className={styles.row}>
        <label className="field" htmlFor={reasonId}>
          <span>{t.reason}</span>
          <input
            id={reasonId}
            value={reason}
            maxLength={500}
            onChange={(change) => setReason(change.target.value)}
          />
        </label>
      </div>
      {needsReason ? (
        <p className="muted small" role="status">
          {t.reasonNeeded}
        </p>
      ) : null}
      <div className={styles.buttons}>
        {hidden ? (
          <button type="button" className="button secondary small" onClick={() => void onUnhide()}>
            {t.unhide}
          </button>
        ) : (
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              const given = reason.trim();
              setNeedsReason(!given);
              if (given) void onHide(given);
            }}
          >
            {t.hide}
          </button>
        )}
        <button type="button" className="button danger small" onClick={() => onRemove(reason.trim())}>
          {t.remove}
        </button>
      </div>
    </article>
  );
}
