import { PostThread } from '@/components/post-thread';
import { titled } from '@/i18n/server';

export const generateMetadata = titled({ ko: '커뮤니티', en: 'Community' });

export default async function PostPage({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  return <PostThread postId={postId} />;
}
