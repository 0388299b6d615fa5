import { describe, expect, it } from 'vitest';
import { parseWatchLine, WatchLineSplitter } from './watch-lines.js';

const added = (name: string) =>
  JSON.stringify({ type: 'ADDED', object: { metadata: { name, resourceVersion: '7' } } });

describe('watch line framing', () => {
  it('gives each complete line once, keeping a line cut across chunks until its newline comes', () => {
    const splitter = new WatchLineSplitter();
    const text = `${added('a')}\n${added('b')}\n`;
    expect(splitter.push(text.slice(0, 10))).toEqual([]);
    expect(splitter.push(text.slice(10, text.indexOf('\n') + 5))).toEqual([added('a')]);
    expect(splitter.push(text.slice(text.indexOf('\n') + 5))).toEqual([added('b')]);
    expect(splitter.end()).toEqual([]);
  });

  it('gives several lines of one chunk in order, and skips blank keep-alive lines', () => {
    const splitter = new WatchLineSplitter();
    expect(splitter.push(`${added('a')}\n\n${added('b')}\r\n${added('c')}\n`)).toEqual([
      added('a'),
      added('b'),
      added('c'),
    ]);
  });

  it('joins a multi-byte character split between two chunks', () => {
    const line = JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' }, note: '좌석 — ✓' } });
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('좌', 'utf8')) + 1;
    const splitter = new WatchLineSplitter();
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual([line]);
  });

  it('gives a last line sent without its newline when the stream ends', () => {
    const splitter = new WatchLineSplitter();
    expect(splitter.push(added('a'))).toEqual([]);
    expect(splitter.end()).toEqual([added('a')]);
  });
});

describe('a watch line as an event', () => {
  it('parses the event types the apiserver sends', () => {
    expect(parseWatchLine(added('a'))).toEqual({
      type: 'ADDED',
      object: { metadata: { name: 'a', resourceVersion: '7' } },
    });
    const gone = '{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}}';
    expect(parseWatchLine(gone)).toMatchObject({ type: 'ERROR', object: { code: 410 } });
  });

  it('refuses a line that is not a watch event', () => {
    expect(() => parseWatchLine('{"type":"SURPRISE","object":{}}')).toThrow(/not a watch event/);
    expect(() => parseWatchLine('{"type":"ADDED"}')).toThrow(/not a watch event/);
    expect(() => parseWatchLine('{"type":"ADD')).toThrow();
  });
});
