/**
 * The series names a Prometheus text exposition offers: every sample's name, and what each `# TYPE` line
 * declares (a histogram's `_bucket`, `_sum` and `_count`), so a metric registered but not yet observed counts.
 */
export function exposedMetricNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const declared = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (declared?.[1]) {
      const [, name, type] = declared;
      const suffixes: Record<string, readonly string[]> = {
        histogram: ['_bucket', '_sum', '_count'],
        summary: ['', '_sum', '_count'],
      };
      for (const suffix of suffixes[type ?? ''] ?? ['']) names.add(`${name}${suffix}`);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample?.[1]) names.add(sample[1]);
  }
  return names;
}
