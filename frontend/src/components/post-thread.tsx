'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { CommentPage, Post } from '@/lib/api/fan-types';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import { isMine } from '@/lib/community';
import { Byline } from './byline';
import { CommentForm } from './comment-form';
import styles from './fan-pages.module.css';
import { Pager } from './pager';
import { PostForm } from './post-form';
import { ProblemNotice } from './problem-notice';
import { loginPath, useSession } from './session';

const text = bilingual({
  ko: {
    loading: '글을 불러오는 중…',
    notFound: '글을 찾을 수 없습니다',
    gone: '삭제되었거나 없는 글입니다.',
    browse: '공연 둘러보기',
    backToBoard: '게시판으로',
    edit: '수정',
    delete: '삭제',
    save: '저장',
    confirmDeletePost: '이 글을 삭제할까요? 달린 댓글도 함께 삭제됩니다.',
    confirmDeleteComment: '이 댓글을 삭제할까요?',
    comments: (count: number) => `댓글 ${count.toLocaleString('ko-KR')}`,
    noComments: '아직 댓글이 없습니다.',
    comment: '댓글',
    editComment: '댓글 수정',
    submitComment: '댓글 등록',
    signIn: '로그인하고 댓글 쓰기',
  },
  en: {
    loading: 'Loading the post…',
    notFound: 'Post not found',
    gone: 'This post was deleted or never existed.',
    browse: 'Browse events',
    backToBoard: 'Back to the board',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    confirmDeletePost: 'Delete this post? Its comments are deleted with it.',
    confirmDeleteComment: 'Delete this comment?',
    comments: (count: number) => `${count.toLocaleString('en-US')} ${count === 1 ? 'comment' : 'comments'}`,
    noComments: 'No comments yet.',
    comment: 'Comment',
    editComment: 'Edit comment',
    submitComment: 'Add comment',
    signIn: 'Sign in to comment',
  },
});

/** One post with its comments; its author edits or deletes it, anyone signed in comments. */
export function PostThread({ postId }: { postId: string }) {
  const router = useRouter();
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const viewerId = account?.id;
  const [post, setPost] = useState<Post | null | undefined>();
  const [commentPage, setCommentPage] = useState(1);
  const [comments, setComments] = useState<CommentPage | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [editingPost, setEditingPost] = useState(false);
  const [editingComment, setEditingComment] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const [shown, thread] = await Promise.all([
        api.community.post(postId),
        api.community.comments(postId, commentPage),
      ]);
      setPost(shown);
      setComments(thread);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) setPost(null);
      else setProblem(describeError(error, {}, locale));
    }
  }, [postId, commentPage, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
      await load();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  };

  const deletePost = async (shown: Post) => {
    if (!window.confirm(t.confirmDeletePost)) return;
    setProblem(undefined);
    try {
      await api.community.deletePost(shown.id);
      router.push(`/events/${shown.eventId}/community`);
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  };

  if (post === null)
    return (
      <section>
        <h1>{t.notFound}</h1>
        <p className="empty">
          {t.gone} <Link href="/">{t.browse}</Link>
        </p>
      </section>
    );
  if (post === undefined)
    return problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>;

  return (
    <article className={styles.postThread} data-post-id={post.id}>
      <p>
        <Link href={`/events/${post.eventId}/community`}>{t.backToBoard}</Link>
      </p>
      {editingPost ? (
        <PostForm
          initial={{ title: post.title, body: post.body }}
          submitLabel={t.save}
          onCancel={() => setEditingPost(false)}
          onSubmit={async (change) => {
            setPost(await api.community.editPost(post.id, change));
            setEditingPost(false);
          }}
        />
      ) : (
        <>
          <h1 lang={writtenIn(post.title)}>{post.title}</h1>
          <Byline item={post} viewerId={viewerId} />
          <p className={styles.text} lang={writtenIn(post.body)}>
            {post.body}
          </p>
          {isMine(post, viewerId) ? (
            <div className="actions">
              <button type="button" className="button small secondary" onClick={() => setEditingPost(true)}>
                {t.edit}
              </button>
              <button type="button" className="button small danger" onClick={() => void deletePost(post)}>
                {t.delete}
              </button>
            </div>
          ) : null}
        </>
      )}
      {problem ? <ProblemNotice problem={problem} /> : null}

      <section aria-labelledby="comments-heading" className={styles.comments}>
        <h2 id="comments-heading">{t.comments(comments?.total ?? post.commentCount)}</h2>
        {comments?.total === 0 ? <p className="empty">{t.noComments}</p> : null}
        <ul className={styles.commentList} data-testid="comments-loaded">
          {comments?.items.map((comment) => (
            <li key={comment.id} className={styles.commentItem} data-comment-id={comment.id}>
              <Byline item={comment} viewerId={viewerId} />
              {editingComment === comment.id ? (
                <CommentForm
                  label={t.editComment}
                  initial={comment.body}
                  submitLabel={t.save}
                  onCancel={() => setEditingComment(undefined)}
                  onSubmit={async (body) => {
                    await api.community.editComment(comment.id, body);
                    setEditingComment(undefined);
                    await load();
                  }}
                />
              ) : (
                <>
                  <p className={styles.text} lang={writtenIn(comment.body)}>
                    {comment.body}
                  </p>
                  {isMine(comment, viewerId) ? (
                    <div className="actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditingComment(comment.id)}
                      >
                        {t.edit}
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          if (window.confirm(t.confirmDeleteComment))
                            void act(() => api.community.deleteComment(comment.id));
                        }}
                      >
                        {t.delete}
                      </button>
                    </div>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
        {comments ? (
          <Pager page={comments.page} totalPages={comments.totalPages} onPage={setCommentPage} />
        ) : null}
        {account ? (
          <CommentForm
            label={t.comment}
            submitLabel={t.submitComment}
            onSubmit={async (body) => {
              await api.community.writeComment(post.id, body);
              await load();
            }}
          />
        ) : account === null ? (
          <Link href={loginPath(`/community/posts/${post.id}`)}>{t.signIn}</Link>
        ) : null}
      </section>
    </article>
  );
}
