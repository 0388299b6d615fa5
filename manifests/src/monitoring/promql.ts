import { parser } from '@prometheus-io/lezer-promql';

/** Where a PromQL expression stops parsing: the offset and the text from there. */
export interface PromqlSyntaxError {
  readonly offset: number;
  readonly near: string;
}

export interface ParsedPromql {
  readonly errors: readonly PromqlSyntaxError[];
  /** Metric names the expression's selectors read (`foo{…}`, `{__name__="foo"}`), each once. */
  readonly metricNames: readonly string[];
}

/**
 * Grafana's built-in interval variables, replaced by a duration before parsing (Grafana substitutes them
 * before its query reaches Prometheus).
 */
const grafanaIntervals = /\$__(rate_interval|interval|range)\b/g;

/** Parses one expression with Prometheus' own grammar (the parser of its web UI). */
export function parsePromql(expression: string): ParsedPromql {
  const text = expression.replace(grafanaIntervals, '5m');
  const errors: PromqlSyntaxError[] = [];
  const names = new Set<string>();
  if (text.trim() === '') errors.push({ offset: 0, near: '' });
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push({ offset: node.from, near: text.slice(node.from, node.from + 20) });
      if (node.name === 'VectorSelector') {
        const first = node.node.firstChild;
        if (first?.name === 'Identifier') names.add(text.slice(first.from, first.to));
      }
      if (node.name === 'UnquotedLabelMatcher') {
        const matcher = /^__name__\s*=\s*"([^"]+)"$/.exec(text.slice(node.from, node.to));
        if (matcher?.[1]) names.add(matcher[1]);
      }
    },
  });
  return { errors, metricNames: [...names] };
}

/** One line per named expression that does not parse, at its first error (the rest follow from it). */
export function promqlFindings(expressions: readonly { name: string; expr: string }[]): string[] {
  return expressions.flatMap(({ name, expr }) => {
    const first = parsePromql(expr).errors[0];
    return first
      ? [`${name}: PromQL does not parse at offset ${first.offset} (near "${first.near}"): ${expr}`]
      : [];
  });
}
