import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import type { AdminEventDetail } from '@/lib/api/admin-types';
import { formatCount, formatMoney } from '@/lib/format';
import { gradeSalesLines, gradeSalesTotal, gradeSellThroughChart } from '@/lib/grade-sales';
import { BarChart } from './bar-chart';
import styles from './organiser.module.css';

const text = bilingual({
  ko: {
    gradesTitle: '등급별 판매',
    ticketTypesTitle: '티켓 종류별 판매',
    gradeColumn: '등급',
    ticketTypeColumn: '티켓 종류',
    soldColumn: '판매',
    heldColumn: '결제 대기',
    leftColumn: '남음',
    totalColumn: '전체',
    sellThroughColumn: '판매율',
    takingsColumn: '판매 금액',
    totalRow: '합계',
    gradeChart: '등급별 판매율',
    ticketTypeChart: '티켓 종류별 판매율',
    note: '모든 회차의 합계입니다. 판매 금액은 결제된 좌석·티켓의 구매 당시 가격 합계로 부분 환불을 빼지 않은 금액이며, 환불을 뺀 금액은 위의 순매출입니다. 결제 대기에는 결제 기한이 지나 곧 다시 판매될 좌석도 들어갑니다.',
  },
  en: {
    gradesTitle: 'Sales by grade',
    ticketTypesTitle: 'Sales by ticket type',
    gradeColumn: 'Grade',
    ticketTypeColumn: 'Ticket type',
    soldColumn: 'Sold',
    heldColumn: 'Awaiting payment',
    leftColumn: 'Left',
    totalColumn: 'Total',
    sellThroughColumn: 'Sell-through',
    takingsColumn: 'Takings',
    totalRow: 'Total',
    gradeChart: 'Sell-through by grade',
    ticketTypeChart: 'Sell-through by ticket type',
    note: 'All performances together. Takings are what the sold seats and tickets were bought for, before partial refunds; net sales above are after every refund. Awaiting payment includes holds past their deadline that go back on sale shortly.',
  },
});

/**
 * The event's sales split by seat grade (seated) or ticket type (standing): sold, held and left seats,
 * sell-through and takings, with a total row that equals the event's figures above, and the sell-through
 * as bars in the grades' seat-map colours.
 */
export function GradeSales({ detail }: { detail: AdminEventDetail }) {
  const locale = useLocale();
  const t = text[locale];
  const lines = gradeSalesLines(detail, locale);
  if (lines.length === 0) return null;
  const seated = detail.event.kind === 'seated';
  const money = (amount: number) => formatMoney(amount, detail.event.currency, locale);
  const percent = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)}%`);
  const total = gradeSalesTotal(lines);
  return (
    <>
      <h3 id="grade-sales-title">{seated ? t.gradesTitle : t.ticketTypesTitle}</h3>
      <table className="table" aria-labelledby="grade-sales-title" data-testid="grade-sales">
        <thead>
          <tr>
            <th scope="col">{seated ? t.gradeColumn : t.ticketTypeColumn}</th>
            <th scope="col">{t.soldColumn}</th>
            <th scope="col">{t.heldColumn}</th>
            <th scope="col">{t.leftColumn}</th>
            <th scope="col">{t.totalColumn}</th>
            <th scope="col">{t.sellThroughColumn}</th>
            <th scope="col">{t.takingsColumn}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key}>
              <th scope="row">
                {line.colour === undefined ? null : (
                  <span className={`${styles.swatch} ${styles[`bg${line.colour}`]}`} aria-hidden="true" />
                )}
                <span lang={writtenIn(line.name)}>{line.name}</span>
                {line.performance ? <span className="muted small"> · {line.performance}</span> : null}
              </th>
              <td>{formatCount(line.seatsSold, locale)}</td>
              <td>{formatCount(line.seatsHeld, locale)}</td>
              <td>{formatCount(line.seatsLeft, locale)}</td>
              <td>{formatCount(line.seatsTotal, locale)}</td>
              <td>{percent(line.sellThroughPercent)}</td>
              <td>{money(line.takings)}</td>
            </tr>
          ))}
        </tbody>
        {lines.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">{t.totalRow}</th>
              <td>{formatCount(total.seatsSold, locale)}</td>
              <td>{formatCount(total.seatsHeld, locale)}</td>
              <td>{formatCount(total.seatsLeft, locale)}</td>
              <td>{formatCount(total.seatsTotal, locale)}</td>
              <td>{percent(total.sellThroughPercent)}</td>
              <td>{money(total.takings)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      <BarChart chart={gradeSellThroughChart(lines, seated ? t.gradeChart : t.ticketTypeChart)} />
      <p className="muted small">{t.note}</p>
    </>
  );
}
