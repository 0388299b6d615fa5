/** One sample of the Prometheus text exposition format: `name{label="value",…} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A body that is not the text exposition format (an HTML error page, a truncated answer). */
export class ExpositionParseError extends Error {
  override readonly name = 'ExpositionParseError';
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Prometheus reads values with Go's ParseFloat: NaN and infinities in any case (prom-client writes `Nan`). */
const specialValues: Readonly<Record<string, number>> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

function parseValue(text: string, line: number): number {
  const special = specialValues[text.toLowerCase()];
  if (special !== undefined) return special;
  const value = Number(text);
  if (text === '' || Number.isNaN(value))
    throw new ExpositionParseError(`line ${line}: "${text}" is no number`);
  return value;
}

function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let at = 1;
  for (;;) {
    while (text[at] === ' ' || text[at] === ',') at++;
    if (text[at] === '}') return { labels, rest: text.slice(at + 1) };
    const name = labelName.exec(text.slice(at))?.[0];
    if (!name || text[at + name.length] !== '=' || text[at + name.length + 1] !== '"')
      throw new ExpositionParseError(`line ${line}: malformed label set`);
    at += name.length + 2;
    let value = '';
    for (;;) {
      const char = text[at];
      if (char === undefined) throw new ExpositionParseError(`line ${line}: unterminated label value`);
      at++;
      if (char === '"') break;
      if (char === '\\') {
        const escaped = text[at++];
        value += escaped === 'n' ? '\n' : (escaped ?? '');
      } else {
        value += char;
      }
    }
    labels[name] = value;
  }
}

/** Parses the Prometheus text format (version 0.0.4); comments and the optional timestamp are skipped. */
export function parseExposition(body: string): Sample[] {
  const samples: Sample[] = [];
  body.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const name = metricName.exec(line)?.[0];
    if (!name) throw new ExpositionParseError(`line ${index + 1}: no metric name`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, index + 1));
    const [valueText = '', timestamp, extra] = rest.trim().split(/\s+/);
    if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp)))
      throw new ExpositionParseError(`line ${index + 1}: trailing text`);
    samples.push({ name, labels, value: parseValue(valueText, index + 1) });
  });
  return samples;
}
