import type { Problem } from '@/lib/api/problem';

/** A failed call as the fan sees it: the problem's title and detail (the HTTP status only for programs). */
export function ProblemNotice({ problem, children }: { problem: Problem; children?: React.ReactNode }) {
  return (
    <div className="problem" role="alert" data-status={problem.status || undefined} data-type={problem.type}>
      <strong className="problem-title">{problem.title}</strong>
      {problem.detail ? <p className="problem-detail">{problem.detail}</p> : null}
      {children}
    </div>
  );
}
