import type {
  Comment,
  CommentPage,
  EventReviews,
  NewPost,
  NewReview,
  Post,
  PostChange,
  PostPage,
  Review,
  ReviewChange,
} from './fan-types';
import type { Requester } from './http';

const segment = encodeURIComponent;

/** community-service's public routes: an event's posts with their comments, and its reviews. */
export function communityCalls(call: Requester) {
  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    call<T>(path, { method, body });

  return {
    posts: (eventId: string, page = 1) =>
      call<PostPage>(`/api/v1/community/events/${segment(eventId)}/posts`, { query: { page, size: 20 } }),
    post: (postId: string) => call<Post>(`/api/v1/community/posts/${segment(postId)}`),
    writePost: (eventId: string, body: NewPost) =>
      send<Post>('POST', `/api/v1/community/events/${segment(eventId)}/posts`, body),
    editPost: (postId: string, change: PostChange) =>
      send<Post>('PATCH', `/api/v1/community/posts/${segment(postId)}`, change),
    deletePost: (postId: string) => send<void>('DELETE', `/api/v1/community/posts/${segment(postId)}`),

    comments: (postId: string, page = 1) =>
      call<CommentPage>(`/api/v1/community/posts/${segment(postId)}/comments`, {
        query: { page, size: 100 },
      }),
    writeComment: (postId: string, body: string) =>
      send<Comment>('POST', `/api/v1/community/posts/${segment(postId)}/comments`, { body }),
    editComment: (commentId: string, body: string) =>
      send<Comment>('PATCH', `/api/v1/community/comments/${segment(commentId)}`, { body }),
    deleteComment: (commentId: string) =>
      send<void>('DELETE', `/api/v1/community/comments/${segment(commentId)}`),

    reviews: (eventId: string, page = 1) =>
      call<EventReviews>(`/api/v1/community/events/${segment(eventId)}/reviews`, {
        query: { page, size: 20 },
      }),
    writeReview: (eventId: string, review: NewReview) =>
      send<Review>('POST', `/api/v1/community/events/${segment(eventId)}/reviews`, review),
    editReview: (reviewId: string, change: ReviewChange) =>
      send<Review>('PATCH', `/api/v1/community/reviews/${segment(reviewId)}`, change),
    deleteReview: (reviewId: string) =>
      send<void>('DELETE', `/api/v1/community/reviews/${segment(reviewId)}`),
  };
}
