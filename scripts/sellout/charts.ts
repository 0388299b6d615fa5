/** Small self-contained SVG line charts for the report (no script, no external file). */

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface Marker {
  readonly x: number;
  readonly label: string;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
}

const colours = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
const width = 760;
const height = 280;
const pad = { left: 64, right: 16, top: 28, bottom: 40 };

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const niceMax = (value: number) => {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= value)!;
};

export function lineChartSvg(chart: LineChart): string {
  const all = chart.series.flatMap((s) => s.points);
  const xs = [...all.map((p) => p[0]), ...(chart.markers ?? []).map((m) => m.x)];
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs, xMin + 1) : 1;
  const yMax = niceMax(Math.max(0, ...all.map((p) => p[1])));
  const x = (v: number) => pad.left + ((v - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / yMax) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/>` +
        `<text x="${pad.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${Math.round(t * 100) / 100}</text>`,
    )
    .join('');
  const xTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => xMin + f * (xMax - xMin))
    .map(
      (t) =>
        `<text x="${x(t)}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${Math.round(t)}</text>`,
    )
    .join('');
  const lines = chart.series
    .map((s, i) => {
      if (s.points.length === 0) return '';
      const d = s.points
        .map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`)
        .join('');
      return `<path d="${d}" fill="none" stroke="${colours[i % colours.length]}" stroke-width="2"/>`;
    })
    .join('');
  const markers = (chart.markers ?? [])
    .map(
      (m) =>
        `<line x1="${x(m.x)}" x2="${x(m.x)}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#111827" stroke-dasharray="4 3"/>` +
        `<text x="${x(m.x) + 3}" y="${pad.top + 10}" font-size="10" fill="#111827">${escapeHtml(m.label)}</text>`,
    )
    .join('');
  const legend = chart.series
    .map(
      (s, i) =>
        `<tspan fill="${colours[i % colours.length]}" dx="${i === 0 ? 0 : 14}">■ ${escapeHtml(s.name)}</tspan>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">
<text x="${pad.left}" y="16" font-size="13" font-weight="bold">${escapeHtml(chart.title)}</text>
<text x="${width - pad.right}" y="16" font-size="11" text-anchor="end">${legend}</text>
${grid}${xTicks}${lines}${markers}
<text x="${(width + pad.left) / 2}" y="${height - 6}" font-size="11" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>
<text x="14" y="${(height + pad.top - pad.bottom) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${(height + pad.top - pad.bottom) / 2})">${escapeHtml(chart.yLabel)}</text>
</svg>`;
}
