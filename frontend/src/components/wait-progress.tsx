/** How far the fan has come since joining the line (0..1), as a bar both waiting screens share. */
export function WaitProgress({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label="대기 진행률"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
