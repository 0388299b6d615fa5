/**
 * The hall in seat cells, shared by the fans' map and the organiser's drawing so both show one picture
 * (docs/adr/0049-the-hall-laid-out.md): a block is its row labels plus its widest row, an aisle is a few
 * empty seats wide, and a tier of blocks is at most as wide as a large hall's floor.
 */
export const hallCells = {
  /** Wrap to the next tier past this width, unless one block alone is wider. */
  maxWidth: 60,
  aisle: 3,
  tierGap: 2,
  rowLabel: 2,
} as const;

export interface HallBlock {
  readonly width: number;
  readonly height: number;
}
export interface PlacedBlock extends HallBlock {
  readonly x: number;
  readonly y: number;
  /** 0 for the tier nearest the stage. */
  readonly tier: number;
}
export interface HallLayout {
  /** The widest tier: the stage is centred over it. */
  readonly width: number;
  readonly height: number;
  readonly tiers: number;
  /** In the order the blocks came in. */
  readonly blocks: readonly PlacedBlock[];
}

export interface HallOptions {
  readonly maxWidth?: number;
  readonly aisle?: number;
  readonly tierGap?: number;
}

/**
 * Places blocks under the stage: in map order, side by side with an aisle between neighbours while the tier
 * fits `maxWidth`, then on the next tier back; each tier centred, its blocks top-aligned. A block wider than
 * `maxWidth` takes a tier of its own. The seat map carries no block positions, so the order is the position.
 */
export function layoutHall(blocks: readonly HallBlock[], options: HallOptions = {}): HallLayout {
  const { maxWidth = hallCells.maxWidth, aisle = hallCells.aisle, tierGap = hallCells.tierGap } = options;
  const tiers: number[][] = [];
  let used = 0;
  for (const [index, block] of blocks.entries()) {
    const tier = tiers.at(-1);
    if (tier && used + aisle + block.width <= maxWidth) {
      tier.push(index);
      used += aisle + block.width;
    } else {
      tiers.push([index]);
      used = block.width;
    }
  }
  const widthOf = (tier: readonly number[]) =>
    tier.reduce((sum, index) => sum + blocks[index]!.width, 0) + aisle * (tier.length - 1);
  const width = Math.max(0, ...tiers.map(widthOf));
  const placed: PlacedBlock[] = [];
  let y = 0;
  for (const [tierIndex, tier] of tiers.entries()) {
    let x = Math.floor((width - widthOf(tier)) / 2);
    for (const index of tier) {
      const block = blocks[index]!;
      placed[index] = { x, y, width: block.width, height: block.height, tier: tierIndex };
      x += block.width + aisle;
    }
    y += Math.max(...tier.map((index) => blocks[index]!.height)) + tierGap;
  }
  return { width, height: tiers.length === 0 ? 0 : y - tierGap, tiers: tiers.length, blocks: placed };
}
