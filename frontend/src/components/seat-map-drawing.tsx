import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { formatCount, formatMoney } from '@/lib/format';
import { drawingOf, drawingScale, type SeatMapDraft, totalSeats, totalsByGrade } from '@/lib/seat-map-editor';
import styles from './organiser.module.css';

const text = bilingual({
  ko: {
    stage: 'STAGE',
    caption: '팬에게 보이는 좌석 배치도 (미리보기)',
    summary: (seats: number, blocks: number) =>
      `무대 아래로 구역 ${blocks}개, 좌석 ${formatCount(seats, 'ko')}석`,
    rowsNote: '좌석이 많아 열 단위로 그렸습니다.',
    grade: (name: string) => `${name}석`,
  },
  en: {
    stage: 'STAGE',
    caption: 'The seat map fans will see (preview)',
    summary: (seats: number, blocks: number) =>
      `${blocks === 1 ? '1 section' : `${blocks} sections`} below the stage, ${seats === 1 ? '1 seat' : `${formatCount(seats, 'en')} seats`}`,
    rowsNote: 'There are many seats, so each row is drawn as one bar.',
    grade: (name: string) => name,
  },
});

/** Past this many seats the drawing shows one bar per row instead of one cell per seat. */
const seatCellLimit = 6_000;
const fills = [styles.grade0, styles.grade1, styles.grade2, styles.grade3, styles.grade4];
const swatches = [styles.bg0, styles.bg1, styles.bg2, styles.bg3, styles.bg4];
const fillOf = (colour: number | undefined) =>
  colour === undefined ? styles.unknownGrade : (fills[colour] ?? styles.unknownGrade);

/**
 * The hall as fans will see it: the stage, then the blocks under it side by side in map order, tier behind
 * tier (`drawingOf`), each seat in its grade's colour (the fans' palette, dearest grade first). Drawn only: the
 * organiser edits with the forms beside it.
 */
export function SeatMapDrawing({
  draft,
  currency,
  selectedBlock,
  onPickBlock,
}: {
  draft: SeatMapDraft;
  currency: string;
  selectedBlock?: string;
  /** A click on a block (a mouse shortcut to its form; the keyboard goes to the form directly). */
  onPickBlock?: (key: string) => void;
}) {
  const locale = useLocale();
  const t = text[locale];
  const drawing = drawingOf(draft);
  const seats = totalSeats(draft);
  const byRow = seats > seatCellLimit;
  const { seat, gap, label } = drawingScale;
  return (
    <figure className={styles.drawingFrame} aria-labelledby="seat-map-drawing-caption">
      <figcaption id="seat-map-drawing-caption">
        <strong>{t.caption}</strong>
      </figcaption>
      <ul className="legend">
        {totalsByGrade(draft).map((grade) => (
          <li key={grade.grade || grade.colour}>
            <span className={`${styles.swatch} ${swatches[grade.colour]}`} aria-hidden="true" />
            {t.grade(grade.grade)} {formatMoney(grade.price, currency, locale)}
          </li>
        ))}
      </ul>
      <svg
        className={styles.drawing}
        viewBox={`0 0 ${drawing.width} ${drawing.height}`}
        role="img"
        aria-label={t.summary(seats, drawing.blocks.length)}
        data-testid="seat-map-drawing"
      >
        <rect
          className={styles.stage}
          x={drawing.stage.x}
          y={drawing.stage.y}
          width={drawing.stage.width}
          height={drawing.stage.height}
          rx={6}
        />
        <text
          className={styles.stageText}
          x={drawing.stage.x + drawing.stage.width / 2}
          y={drawing.stage.y + drawing.stage.height / 2 + 5}
          textAnchor="middle"
        >
          {t.stage}
        </text>
        {drawing.blocks.map((block) => (
          // A mouse shortcut to the block's form; the keyboard reaches the same form directly.
          // biome-ignore lint/a11y/noStaticElementInteractions: the drawing is an image; the forms beside it take the keyboard
          <g
            key={block.key}
            data-block={block.name}
            onClick={onPickBlock ? () => onPickBlock(block.key) : undefined}
          >
            <text
              className={styles.blockName}
              x={block.x + block.width / 2}
              y={block.y - 8}
              textAnchor="middle"
            >
              {block.name} · {formatCount(block.seats, locale)}
            </text>
            <rect
              className={styles.blockOutline}
              data-selected={block.key === selectedBlock}
              x={block.x - 3}
              y={block.y - 3}
              width={block.width + 6}
              height={block.height + 4}
              rx={4}
            />
            {block.rows.map((row) => (
              <g key={row.label}>
                <text className={styles.rowName} x={block.x} y={row.y + seat - 1}>
                  {row.label.length > 3 ? '' : row.label}
                </text>
                {byRow ? (
                  <rect
                    className={fillOf(row.seats[0]?.colour)}
                    x={row.seats[0]?.x ?? block.x + label}
                    y={row.y}
                    width={row.seats.length * (seat + gap) - gap}
                    height={seat}
                  />
                ) : (
                  row.seats.map((cell, number) => (
                    <rect
                      // Seats have no identity beyond their place in the row.
                      // biome-ignore lint/suspicious/noArrayIndexKey: the seat number is the key
                      key={number}
                      className={fillOf(cell.colour)}
                      x={cell.x}
                      y={row.y}
                      width={seat}
                      height={seat}
                      rx={2}
                    />
                  ))
                )}
              </g>
            ))}
          </g>
        ))}
      </svg>
      {byRow ? <p className="muted small">{t.rowsNote}</p> : null}
    </figure>
  );
}
