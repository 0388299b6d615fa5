'use client';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="panel narrow" role="alert">
      <h1>문제가 생겼습니다</h1>
      <p>{error.message || '잠시 후 다시 시도해 주세요.'}</p>
      <button type="button" className="button" onClick={reset}>
        다시 시도
      </button>
    </section>
  );
}
