import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel narrow">
      <h1>페이지를 찾을 수 없습니다</h1>
      <p>주소가 바뀌었거나 삭제된 페이지입니다.</p>
      <Link href="/" className="button">
        공연 목록으로
      </Link>
    </section>
  );
}
