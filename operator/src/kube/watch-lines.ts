import { StringDecoder } from 'node:string_decoder';

/** One event of a watch stream. */
export interface WatchEvent<T = unknown> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

/**
 * Cuts a watch response into its lines (one JSON event each) however the chunks fall: a line split
 * across chunks, several lines in one chunk, a character split between its bytes.
 */
export class WatchLineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The lines completed by this chunk, without their newline; blank lines (keep-alives) left out. */
  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.map((line) => line.trim()).filter(Boolean);
  }

  /** What is left when the stream ends: a last line sent without its newline. */
  end(): string[] {
    const rest = (this.pending + this.decoder.end()).trim();
    this.pending = '';
    return rest ? [rest] : [];
  }
}

const eventTypes = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** One watch line as an event; a line that is not one is an error, not something to skip quietly. */
export function parseWatchLine<T>(line: string): WatchEvent<T> {
  const event = JSON.parse(line) as { type?: unknown; object?: unknown };
  if (typeof event.type !== 'string' || !eventTypes.has(event.type) || typeof event.object !== 'object')
    throw new Error(`not a watch event: ${line.slice(0, 200)}`);
  return event as WatchEvent<T>;
}
