import type { Problem } from '@/lib/api/problem';

/** A failed call as the fan sees it: the problem's title and detail. */
export function ProblemNotice({ problem, children }: { problem: Problem; children?: React.ReactNode }) {
  return (
    <div className="problem" role="alert">
      <strong className="problem-title">{problem.title}</strong>
      {problem.detail ? <p className="problem-detail">{problem.detail}</p> : null}
      {problem.status ? <span className="problem-status">HTTP {problem.status}</span> : null}
      {children}
    </div>
  );
}
