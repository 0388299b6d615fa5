import { describe, expect, it } from 'vitest';
import { codeFromScan, nextCodeFetchMs, qrPathOf, secondsLeft } from './ticket-code';

const code =
  'eyJhbGciOiJFZERTQSIsInR5cCI6InVyci10aWNrZXQrand0In0.eyJyaWQiOiIxMjMiLCJ0bm8iOjF9.c2lnbmF0dXJlLWJ5dGVz';

describe('the door code on screen', () => {
  it('draws a QR symbol with its quiet zone, one square per dark module', () => {
    const { path, size } = qrPathOf(code);
    // 21 + 4n modules, plus 4 quiet modules each side.
    expect((size - 8 - 21) % 4).toBe(0);
    expect(path).toMatch(/^M4 4h1v1h-1z/); // finder pattern's top-left corner
    expect(path.split('M').length - 1).toBeGreaterThan(100);
    expect(qrPathOf(`${code}x`).path).not.toBe(path);
  });

  it('fetches the next code just after the window ends, at least every 5 s and at most every second', () => {
    const now = Date.parse('2026-12-05T20:00:27Z');
    expect(nextCodeFetchMs('2026-12-05T20:00:30.000Z', now)).toBe(3250);
    expect(nextCodeFetchMs('2026-12-05T20:00:50.000Z', now)).toBe(5000);
    expect(nextCodeFetchMs('2026-12-05T20:00:20.000Z', now)).toBe(1000);
    expect(secondsLeft('2026-12-05T20:00:30.000Z', now)).toBe(3);
    expect(secondsLeft('2026-12-05T20:00:20.000Z', now)).toBe(0);
  });

  it('reads a code out of what a scanner or a paste gives', () => {
    expect(codeFromScan(`  ${code}\n`)).toBe(code);
    expect(codeFromScan(`ticket: ${code}`)).toBe(code);
    expect(codeFromScan(' not a code ')).toBe('not a code');
  });
});
