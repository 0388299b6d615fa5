import { describe, expect, it } from 'vitest';
import {
  type BlockDraft,
  draftIssues,
  draftOf,
  drawingOf,
  gradeColours,
  layoutOf,
  moveBlock,
  renameGrade,
  reshapeBlock,
  rowLabel,
  type SeatMapDraft,
  totalSeats,
  totalsByGrade,
} from './seat-map-editor';

const block = (name: string, rows: number, seatsPerRow: number, grade: string): BlockDraft => ({
  key: name,
  name,
  rows,
  seatsPerRow,
  grade,
  rowLabels: 'letters',
});

const hall: SeatMapDraft = {
  grades: [
    { name: 'R', price: 165_000 },
    { name: 'VIP', price: 198_000 },
    { name: 'S', price: 132_000 },
  ],
  blocks: [block('Floor', 3, 4, 'VIP'), block('Lower', 2, 6, 'R'), block('Upper', 2, 6, 'S')],
};

describe('rowLabel', () => {
  it('counts letters like spreadsheet columns and numbers from 1', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map((index) => rowLabel(index, 'letters'))).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ]);
    expect(rowLabel(0, 'numbers')).toBe('1');
    expect(rowLabel(199, 'numbers')).toBe('200');
  });
});

describe('layoutOf', () => {
  it('turns each block into rows of seats of its grade, in block order', () => {
    const layout = layoutOf(hall);
    expect(layout.grades).toEqual(hall.grades);
    expect(layout.sections.map((section) => section.name)).toEqual(['Floor', 'Lower', 'Upper']);
    expect(layout.sections[0]!.rows).toEqual([
      { label: 'A', seats: 4, grade: 'VIP' },
      { label: 'B', seats: 4, grade: 'VIP' },
      { label: 'C', seats: 4, grade: 'VIP' },
    ]);
  });

  it('trims names so " VIP " and "VIP" are one grade', () => {
    const layout = layoutOf({
      grades: [{ name: ' VIP ', price: 1 }],
      blocks: [{ ...block(' Floor ', 1, 1, 'VIP ') }],
    });
    expect(layout).toEqual({
      grades: [{ name: 'VIP', price: 1 }],
      sections: [{ name: 'Floor', rows: [{ label: 'A', seats: 1, grade: 'VIP' }] }],
    });
  });
});

describe('draftOf', () => {
  it('reads back an even map as the blocks that made it', () => {
    const draft = draftOf(layoutOf(hall), (index) => hall.blocks[index]!.key);
    expect(draft).toEqual(hall);
    expect(layoutOf(draft)).toEqual(layoutOf(hall));
  });

  it('keeps an uneven saved section as saved until it is reshaped', () => {
    const saved = {
      grades: [
        { name: 'R', price: 2 },
        { name: 'S', price: 1 },
      ],
      sections: [
        {
          name: 'Balcony',
          rows: [
            { label: '1', seats: 10, grade: 'R' },
            { label: '2', seats: 12, grade: 'S' },
          ],
        },
      ],
    };
    const draft = draftOf(saved);
    expect(layoutOf(draft).sections).toEqual(saved.sections);
    expect(totalSeats(draft)).toBe(22);

    const reshaped = reshapeBlock(draft.blocks[0]!, { rows: 3 });
    expect(reshaped.savedRows).toBeUndefined();
    expect(layoutOf({ ...draft, blocks: [reshaped] }).sections[0]!.rows).toEqual([
      { label: '1', seats: 12, grade: 'R' },
      { label: '2', seats: 12, grade: 'R' },
      { label: '3', seats: 12, grade: 'R' },
    ]);
  });
});

describe('draftIssues', () => {
  it('accepts a complete map', () => {
    expect(draftIssues(hall)).toEqual([]);
  });

  it('refuses what ticket-service refuses, naming the grade or block', () => {
    const issues = draftIssues({
      grades: [
        { name: 'VIP', price: 10 },
        { name: 'VIP', price: 20 },
        { name: ' ', price: 5 },
        { name: 'Unused', price: 1 },
        { name: 'Cheap', price: -1 },
      ],
      blocks: [
        block('A', 0, 10, 'VIP'),
        block('B', 2, 501, 'VIP'),
        block('B', 1, 1, 'Nope'),
        block('', 1, 1, 'Cheap'),
      ],
    });
    const about = (where: 'grade' | 'block', index: number) =>
      issues.filter((issue) => issue[where] === index).map((issue) => issue.message);
    expect(about('grade', 1).join()).toContain('두 번');
    expect(about('grade', 2).join()).toContain('비어');
    expect(about('grade', 3).join()).toContain('쓰는 구역이 없습니다');
    expect(about('grade', 4).join()).toContain('정수');
    expect(about('block', 0).join()).toContain('열 수');
    expect(about('block', 1).join()).toContain('열당 좌석 수');
    expect(about('block', 2).join()).toMatch(/두 번.*Nope|Nope.*두 번/s);
    expect(about('block', 3).join()).toContain('비어');
  });

  it('refuses an empty map and one past the seats a performance may have', () => {
    expect(draftIssues({ grades: [], blocks: [] }).map((issue) => issue.message)).toEqual([
      '등급을 하나 이상 만들어 주세요.',
      '구역을 하나 이상 추가해 주세요.',
    ]);
    const huge = {
      grades: [{ name: 'R', price: 1 }],
      blocks: Array.from({ length: 2 }, (_, index) => block(`B${index}`, 200, 500, 'R')),
    };
    expect(totalSeats(huge)).toBe(200_000);
    expect(draftIssues(huge).at(-1)?.message).toContain('100,000석까지');
  });

  it('says the same in English', () => {
    expect(draftIssues({ grades: [], blocks: [] }, 'en').map((issue) => issue.message)).toEqual([
      'Add at least one grade.',
      'Add at least one section.',
    ]);
    const issues = draftIssues(
      {
        grades: [
          { name: 'VIP', price: 10 },
          { name: 'Unused', price: 1.5 },
        ],
        blocks: [block('A', 0, 10, 'VIP'), block('', 1, 1, 'Nope')],
      },
      'en',
    );
    expect(issues.map((issue) => issue.message)).toEqual([
      'Grade Unused: the price must be a whole number from 0 to 100,000,000.',
      'Section A: rows must be from 1 to 200.',
      'Section #2 has no name.',
      'Section #2: grade Nope is not on the grade list.',
      'No section uses grade VIP. Assign it to a section or delete it.',
      'No section uses grade Unused. Assign it to a section or delete it.',
    ]);
    const huge = {
      grades: [{ name: 'R', price: 1 }],
      blocks: Array.from({ length: 2 }, (_, index) => block(`B${index}`, 200, 500, 'R')),
    };
    expect(draftIssues(huge, 'en').at(-1)?.message).toBe(
      'That makes 200,000 seats; a performance can have at most 100,000.',
    );
  });
});

describe('renameGrade and moveBlock', () => {
  it('renames a grade in every block that uses it', () => {
    const renamed = renameGrade(hall, 1, 'VVIP');
    expect(renamed.grades[1]).toEqual({ name: 'VVIP', price: 198_000 });
    expect(renamed.blocks[0]!.grade).toBe('VVIP');
    expect(draftIssues(renamed)).toEqual([]);
  });

  it('moves a block towards or away from the stage, never off the ends', () => {
    expect(moveBlock(hall, 2, -1).blocks.map((b) => b.name)).toEqual(['Floor', 'Upper', 'Lower']);
    expect(moveBlock(hall, 0, -1)).toBe(hall);
    expect(moveBlock(hall, 2, 1)).toBe(hall);
  });
});

describe('totals and colours', () => {
  it('counts seats and takings per grade', () => {
    expect(totalsByGrade(hall)).toEqual([
      { grade: 'R', price: 165_000, seats: 12, takings: 1_980_000, colour: 1 },
      { grade: 'VIP', price: 198_000, seats: 12, takings: 2_376_000, colour: 0 },
      { grade: 'S', price: 132_000, seats: 12, takings: 1_584_000, colour: 2 },
    ]);
    expect(totalSeats(hall)).toBe(36);
  });

  it('colours grades dearest first as the fans see them, the sixth on sharing the last colour', () => {
    const grades = Array.from({ length: 7 }, (_, index) => ({ name: `G${index}`, price: index }));
    expect([...gradeColours(grades)]).toEqual([
      ['G6', 0],
      ['G5', 1],
      ['G4', 2],
      ['G3', 3],
      ['G2', 4],
      ['G1', 4],
      ['G0', 4],
    ]);
  });
});

describe('drawingOf', () => {
  it('lays the blocks under the stage side by side in map order, an aisle apart, one cell per seat', () => {
    const drawing = drawingOf(hall);
    const [floor, lower, upper] = drawing.blocks;
    expect(drawing.stage.y + drawing.stage.height).toBeLessThan(floor!.y);
    expect(lower!.y).toBe(floor!.y);
    expect(upper!.y).toBe(floor!.y);
    expect(floor!.x + floor!.width).toBeLessThan(lower!.x);
    expect(lower!.x + lower!.width).toBeLessThan(upper!.x);
    expect(floor!.y + floor!.height).toBeLessThanOrEqual(drawing.height);
    // The three blocks as one row, centred under the stage.
    expect((floor!.x + upper!.x + upper!.width) / 2).toBeCloseTo(drawing.stage.x + drawing.stage.width / 2);
    expect(floor!.rows.map((row) => row.seats.length)).toEqual([4, 4, 4]);
    expect(floor!.rows[0]!.seats[0]!.colour).toBe(0);
    expect(drawing.blocks.reduce((sum, drawn) => sum + drawn.seats, 0)).toBe(totalSeats(hall));
    for (const drawn of drawing.blocks) expect(drawn.x + drawn.width).toBeLessThanOrEqual(drawing.width);
  });

  it('puts the next tier of blocks behind the first when a row of blocks is full', () => {
    const wide = { ...hall, blocks: hall.blocks.map((drawn) => ({ ...drawn, seatsPerRow: 25 })) };
    const [floor, lower, upper] = drawingOf(wide).blocks;
    expect(lower!.y).toBe(floor!.y);
    expect(upper!.y).toBeGreaterThan(floor!.y + floor!.height);
  });

  it('leaves out a block whose shape is out of range', () => {
    const drawing = drawingOf({ ...hall, blocks: [...hall.blocks, block('Bad', 0, 5, 'R')] });
    expect(drawing.blocks.map((drawn) => drawn.name)).toEqual(['Floor', 'Lower', 'Upper']);
  });
});
