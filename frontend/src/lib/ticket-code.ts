import qrcode from 'qrcode-generator';

/**
 * The door code's QR symbol as SVG path data in module units (one unit per module, `size` units square with
 * the 4-module quiet zone the standard asks for), so the page scales it without blurring.
 */
export function qrPathOf(code: string): { path: string; size: number } {
  // Level L: the code is short-lived and shown on a bright screen, so density matters more than damage.
  const symbol = qrcode(0, 'L');
  symbol.addData(code, 'Byte');
  symbol.make();
  const modules = symbol.getModuleCount();
  const quiet = 4;
  const cells: string[] = [];
  for (let row = 0; row < modules; row += 1)
    for (let column = 0; column < modules; column += 1)
      if (symbol.isDark(row, column)) cells.push(`M${column + quiet} ${row + quiet}h1v1h-1z`);
  return { path: cells.join(''), size: modules + quiet * 2 };
}

/**
 * When to fetch the next codes: just after the window ends by this browser's clock, but at least every
 * 5 s (and not more than once a second), so a clock that runs off still shows a code the door accepts.
 */
export function nextCodeFetchMs(validUntil: string, now: number): number {
  const untilWindowEnds = Date.parse(validUntil) - now + 250;
  return Math.min(5000, Math.max(1000, untilWindowEnds));
}

/** Seconds the code on screen has left, for the countdown (0 once over). */
export function secondsLeft(validUntil: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(validUntil) - now) / 1000));
}

/** Reads a scanned or pasted code: trims it and takes it out of a link or text around it. */
export function codeFromScan(text: string): string {
  const jwt = /[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/.exec(text.trim());
  return jwt ? jwt[0] : text.trim();
}
