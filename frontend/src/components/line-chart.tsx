import { intlTags, type Locale } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { type Frame, type LineChartSpec, plotLines } from '@/lib/sale-report-charts';

const frame: Frame = { width: 640, height: 240, left: 64, right: 16, top: 16, bottom: 32 };
export const chartColours = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

/** A sale's times are Korean times, in either language (docs/adr/0047-two-languages.md). */
const timeZone = 'Asia/Seoul';
const formatsIn = (locale: Locale) => {
  const tag = intlTags[locale];
  return {
    minutes: new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
    seconds: new Intl.DateTimeFormat(tag, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    }),
    axisNumber: new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }),
  };
};
const formats: Readonly<Record<Locale, ReturnType<typeof formatsIn>>> = {
  ko: formatsIn('ko'),
  en: formatsIn('en'),
};

/** Seconds on the time axis when its ticks are less than a minute apart. */
const timeLabelFor = (ticks: readonly { value: number }[], locale: Locale) =>
  (ticks[ticks.length - 1]!.value - ticks[0]!.value) / (ticks.length - 1) < 60_000
    ? formats[locale].seconds
    : formats[locale].minutes;

/** One of the report's time series as an SVG line chart, with its legend. */
export function LineChart({ chart }: { chart: LineChartSpec }) {
  const plot = plotLines(chart.series, frame);
  const titleId = `chart-${chart.id}-title`;
  const locale = useLocale();
  const timeLabel = timeLabelFor(plot.xTicks, locale);
  const { axisNumber } = formats[locale];
  return (
    <figure className="sale-chart" data-testid="sale-report-chart" data-chart={chart.id}>
      <figcaption id={titleId}>{chart.title}</figcaption>
      <svg viewBox={`0 0 ${frame.width} ${frame.height}`} role="img" aria-labelledby={titleId}>
        <title>{chart.title}</title>
        {plot.yTicks.map((tick) => (
          <g key={`y${tick.value}`}>
            <line x1={frame.left} x2={frame.width - frame.right} y1={tick.y} y2={tick.y} stroke="#e5e7eb" />
            <text x={frame.left - 6} y={tick.y + 4} textAnchor="end" fontSize="11">
              {chart.unit === 'money' ? `₩${axisNumber.format(tick.value)}` : axisNumber.format(tick.value)}
            </text>
          </g>
        ))}
        {plot.xTicks.map((tick) => (
          <text key={`x${tick.value}`} x={tick.x} y={frame.height - 10} textAnchor="middle" fontSize="11">
            {timeLabel.format(tick.value)}
          </text>
        ))}
        {plot.lines.map((line, index) =>
          line.d ? (
            <path
              key={line.name}
              d={line.d}
              fill="none"
              stroke={chartColours[index % chartColours.length]}
              strokeWidth="2"
              strokeLinecap="round"
              data-series={line.name}
            />
          ) : null,
        )}
      </svg>
      <ul className="sale-chart-legend">
        {chart.series.map((series, index) => (
          <li key={series.name}>
            <span style={{ background: chartColours[index % chartColours.length] }} aria-hidden="true" />
            {series.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
