import type { Metadata } from 'next';
import { PostThread } from '@/components/post-thread';

export const metadata: Metadata = { title: '커뮤니티' };

export default async function PostPage({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  return <PostThread postId={postId} />;
}
