import { bilingual, intlTags } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { type BarChartSpec, niceMax } from '@/lib/sale-report-charts';
import { chartColours } from './line-chart';

const text = bilingual({
  ko: { seconds: (value: string) => `${value}초`, percent: (value: string) => `${value}%` },
  en: { seconds: (value: string) => `${value} s`, percent: (value: string) => `${value}%` },
});

const width = 640;
const rowHeight = 28;
const labelWidth = 140;
const valueWidth = 72;

/** A handful of figures as horizontal SVG bars, each named and labelled with its value. */
export function BarChart({ chart }: { chart: BarChartSpec }) {
  const locale = useLocale();
  const number = (value: number) => value.toLocaleString(intlTags[locale]);
  // A share is drawn against the whole, so 40% never fills the bar.
  const top = chart.unit === 'percent' ? 100 : niceMax(Math.max(0, ...chart.bars.map((bar) => bar.value)));
  const room = width - labelWidth - valueWidth;
  const height = chart.bars.length * rowHeight + 8;
  const titleId = `chart-${chart.id}-title`;
  return (
    <figure className="sale-chart" data-testid="sale-report-chart" data-chart={chart.id}>
      <figcaption id={titleId}>{chart.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title>{chart.title}</title>
        {chart.bars.map((bar, index) => {
          const y = 4 + index * rowHeight;
          const length = Math.max(0, (bar.value / top) * room);
          return (
            <g key={bar.name}>
              <text x={labelWidth - 6} y={y + 17} textAnchor="end" fontSize="12">
                {bar.name}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={length}
                height={rowHeight - 10}
                fill={chartColours[index % chartColours.length]}
                style={bar.colour ? { fill: bar.colour } : undefined}
                data-value={bar.value}
              />
              <text x={labelWidth + length + 6} y={y + 17} fontSize="12">
                {chart.unit === 'count' ? number(bar.value) : text[locale][chart.unit](number(bar.value))}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
