'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { PostPage } from '@/lib/api/fan-types';
import { describeError, type Problem } from '@/lib/api/problem';
import { Byline } from './byline';
import styles from './fan-pages.module.css';
import { Pager } from './pager';
import { PostForm } from './post-form';
import { ProblemNotice } from './problem-notice';
import { loginPath, useSession } from './session';

const text = bilingual({
  ko: {
    posts: '팬 게시판',
    loading: '글을 불러오는 중…',
    empty: '아직 글이 없습니다. 첫 글을 남겨 보세요.',
    comments: (count: number) => `댓글 ${count.toLocaleString('ko-KR')}`,
    write: '글쓰기',
    submit: '등록',
    signIn: '로그인하고 글쓰기',
    written: '글을 등록했습니다.',
  },
  en: {
    posts: 'Fan board',
    loading: 'Loading posts…',
    empty: 'No posts yet. Write the first one.',
    comments: (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'comment' : 'comments'}`,
    write: 'Write a post',
    submit: 'Post',
    signIn: 'Sign in to write a post',
    written: 'Your post is up.',
  },
});

/** An event's posts, newest first, and a form to write one. */
export function CommunityPosts({ eventId }: { eventId: string }) {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const [page, setPage] = useState(1);
  const [posts, setPosts] = useState<PostPage | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [written, setWritten] = useState(false);

  const load = useCallback(async () => {
    try {
      setPosts(await api.community.posts(eventId, page));
      setProblem(undefined);
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  }, [eventId, page, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const write = async (post: { title: string; body: string }) => {
    setWritten(false);
    await api.community.writePost(eventId, post);
    setWritten(true);
    if (page === 1) await load();
    else setPage(1);
  };

  return (
    <>
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{t.posts}</h2>
        {problem ? <ProblemNotice problem={problem} /> : null}
        {!posts ? (
          problem ? null : (
            <p className="loading">{t.loading}</p>
          )
        ) : posts.items.length === 0 ? (
          <p className="empty" data-testid="posts-loaded">
            {t.empty}
          </p>
        ) : (
          <ul className={styles.postList} data-testid="posts-loaded">
            {posts.items.map((post) => (
              <li key={post.id} className={styles.postItem} data-post-id={post.id}>
                <h3>
                  <Link href={`/community/posts/${post.id}`} lang={writtenIn(post.title)}>
                    {post.title}
                  </Link>
                </h3>
                <Byline item={post} viewerId={account?.id} />
                <p className="muted small">{t.comments(post.commentCount)}</p>
              </li>
            ))}
          </ul>
        )}
        {posts ? <Pager page={posts.page} totalPages={posts.totalPages} onPage={setPage} /> : null}
      </section>

      <section aria-labelledby="write-heading" className="panel">
        <h2 id="write-heading">{t.write}</h2>
        {account ? (
          <>
            {written ? (
              <p className="success" role="status">
                {t.written}
              </p>
            ) : null}
            <PostForm submitLabel={t.submit} onSubmit={write} />
          </>
        ) : account === null ? (
          <Link href={loginPath(`/events/${eventId}/community`)}>{t.signIn}</Link>
        ) : null}
      </section>
    </>
  );
}
