import { escapeHtml, lineChartSvg, type Marker } from './charts.js';
import type { RequestRecord } from './fan-http.js';
import type { FaultRecord } from './faults.js';
import { type FanSummary, faultImpact, followedRoutes, percentile, type RunFigures } from './figures.js';
import type { SaleSamples } from './samplers.js';
import type { Tier1Record, Violation } from './verdict.js';

export interface ReportInput {
  readonly title: string;
  readonly opensAt: number;
  /** The hall whose waiting rooms the charts follow. */
  readonly seatedEventId: string;
  readonly figures: RunFigures;
  readonly violations: readonly Violation[];
  readonly faults: readonly FaultRecord[];
  readonly requests: readonly RequestRecord[];
  readonly fans: readonly FanSummary[];
  readonly tier1: readonly Tier1Record[];
  readonly samples: SaleSamples;
  readonly settings: Record<string, string | number | boolean>;
}

const seconds = (at: number, opensAt: number) => Math.round((at - opensAt) / 100) / 10;

function cumulative(times: readonly number[], opensAt: number): [number, number][] {
  return [...times].sort((a, b) => a - b).map((at, i) => [seconds(at, opensAt), i + 1]);
}

/** p50 / p99 of a route per 5-second bucket, as chart series. */
function latencyOverTime(requests: readonly RequestRecord[], route: string, opensAt: number) {
  const buckets = new Map<number, number[]>();
  for (const r of requests) {
    if (r.route !== route || r.status === 0) continue;
    const bucket = Math.floor((r.startedAt - opensAt) / 5000) * 5;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), r.ms]);
  }
  const ordered = [...buckets].sort((a, b) => a[0] - b[0]);
  const of = (q: number) =>
    ordered.map(
      ([at, values]) =>
        [
          at,
          percentile(
            [...values].sort((a, b) => a - b),
            q,
          ) ?? 0,
        ] as [number, number],
    );
  return { p50: of(0.5), p99: of(0.99) };
}

function table(rows: readonly (readonly (string | number | null)[])[], header: readonly string[]): string {
  const cell = (v: string | number | null) => `<td>${escapeHtml(v === null ? '—' : String(v))}</td>`;
  return `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The sale at a glance for its organiser: one self-contained HTML file, charts inline. */
export function renderReport(input: ReportInput): string {
  const { figures, opensAt } = input;
  const markers: Marker[] = input.faults.map((f) => ({ x: seconds(f.startedAt, opensAt), label: f.name }));
  const hall = input.tier1.filter((t) => t.eventId === input.seatedEventId);
  const arrivals = cumulative(
    hall.map((t) => t.assignedAt),
    opensAt,
  );
  const admitted = cumulative(
    hall.filter((t) => t.admittedAt !== null).map((t) => t.admittedAt!),
    opensAt,
  );
  const booked = cumulative(
    input.fans.filter((f) => f.bookedAt !== undefined).map((f) => f.bookedAt!),
    opensAt,
  );
  const charts = [
    lineChartSvg({
      title: 'Arrivals, admissions and bookings',
      xLabel: 'seconds from the opening',
      yLabel: 'fans (cumulative)',
      series: [
        { name: 'in Tier 1', points: arrivals },
        { name: 'admitted by Tier 1', points: admitted },
        { name: 'booked', points: booked },
      ],
      markers,
    }),
    lineChartSvg({
      title: 'Seats left',
      xLabel: 'seconds from the opening',
      yLabel: 'seats',
      series: [
        { name: 'seats left', points: input.samples.seatsLeft.map((s) => [seconds(s.at, opensAt), s.value]) },
      ],
      markers,
    }),
    lineChartSvg({
      title: "The hall's waiting rooms",
      xLabel: 'seconds from the opening',
      yLabel: 'count',
      series: [
        {
          name: 'Tier-1 serving counter',
          points: (input.samples.servingCounter[input.seatedEventId] ?? []).map((s) => [
            seconds(s.at, opensAt),
            s.value,
          ]),
        },
        {
          name: 'Tier-2 active',
          points: (input.samples.tier2Active[input.seatedEventId] ?? []).map((s) => [
            seconds(s.at, opensAt),
            s.value,
          ]),
        },
      ],
      markers,
    }),
    ...Object.entries(followedRoutes).map(([name, route]) => {
      const { p50, p99 } = latencyOverTime(input.requests, route, opensAt);
      return lineChartSvg({
        title: `${name}: ${route}`,
        xLabel: 'seconds from the opening (5 s buckets)',
        yLabel: 'ms',
        series: [
          { name: 'p50', points: p50 },
          { name: 'p99', points: p99 },
        ],
        markers,
      });
    }),
  ];
  const verdict =
    input.violations.length === 0
      ? '<p class="ok">The verdict holds: no violation.</p>'
      : `<p class="bad">${input.violations.length} violations.</p>${table(
          input.violations.map((v) => [v.rule, v.detail, v.ids.slice(0, 20).join(', ')]),
          ['rule', 'what', 'ids'],
        )}`;
  const faults = table(
    input.faults.map((fault) => {
      const impact = faultImpact(fault, input.requests);
      const failed = Object.entries(impact.failedByRoute)
        .map(([route, n]) => `${route} ×${n}`)
        .join('; ');
      return [
        fault.name,
        `${seconds(fault.startedAt, opensAt)} s`,
        fault.description,
        failed || 'nothing failed',
        `${(fault.recoveryMs / 1000).toFixed(1)} s`,
        fault.error ?? '',
      ];
    }),
    ['fault', 'at', 'what was done', 'what failed for fans (during, +5 s)', 'recovered after', 'error'],
  );
  const latency = table(
    Object.entries(figures.latencyMs).map(([name, l]) => [
      name,
      l.all.count,
      l.all.p50,
      l.all.p99,
      l.outsideFaults.p50,
      l.outsideFaults.p99,
    ]),
    ['route', 'requests', 'p50 ms', 'p99 ms', 'p50 outside faults', 'p99 outside faults'],
  );
  const cpu = table(
    Object.entries(figures.cpuMsPerBooking.byProcess).map(([name, ms]) => [
      name,
      ms,
      figures.standingCpuMsPerSecond?.byProcess[name] ?? '—',
      figures.cpuMsPerBooking.beyondStanding?.byProcess[name] ?? '—',
    ]),
    [
      'process',
      'CPU ms per booking',
      'idle before the sale, ms per second',
      'CPU ms per booking beyond the idle cost',
    ],
  );
  const headline = table(
    [
      ['fans', figures.fans],
      ['bookings', figures.bookings],
      [
        'bookings/s overall · peak (5 s)',
        `${figures.bookingsPerSecond.overall} · ${figures.bookingsPerSecond.peak5s}`,
      ],
      [
        'opening to sold out',
        figures.openingToSoldOutSeconds === null ? 'not sold out' : `${figures.openingToSoldOutSeconds} s`,
      ],
      [
        'wait p50 · p90',
        `${figures.waitSeconds.p50?.toFixed(1) ?? '—'} s · ${figures.waitSeconds.p90?.toFixed(1) ?? '—'} s`,
      ],
      ['abandonment', `${(figures.abandonment * 100).toFixed(1)} %`],
      [
        'our CPU per booking (emulators apart)',
        `${figures.cpuMsPerBooking.ours ?? '—'} ms (+${figures.cpuMsPerBooking.emulators ?? '—'} ms)`,
      ],
      [
        'of which beyond the idle stack · the idle stack (ours)',
        figures.standingCpuMsPerSecond
          ? `${figures.cpuMsPerBooking.beyondStanding?.ours ?? '—'} ms per booking · ${figures.standingCpuMsPerSecond.ours} ms per second`
          : 'not measured',
      ],
      ['bare-request equivalents per booking', figures.bareRequestEquivalentsPerBooking],
      [
        '5xx (outside faults) · no answer',
        `${figures.serverErrors.total} (${figures.serverErrors.outsideFaults}) · ${figures.serverErrors.noAnswer}`,
      ],
      [
        "payment provider's timeouts (504, the test cards that time out)",
        figures.serverErrors.paymentProviderTimeouts,
      ],
      [
        "the waiting room's busy answers (503 with Retry-After, its concurrency reached)",
        figures.serverErrors.waitingRoomBusy,
      ],
      [
        'outcomes',
        Object.entries(figures.outcomes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ],
    ],
    ['', ''],
  );
  const settings = Object.entries(input.settings)
    .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(String(v))}`)
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#111827;max-width:1600px}
table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #d1d5db;padding:4px 8px;font-size:13px;text-align:left}
.ok{color:#166534;font-weight:bold}.bad{color:#b91c1c;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:16px}
.charts svg{border:1px solid #e5e7eb;background:#fff}</style></head>
<body><h1>${escapeHtml(input.title)}</h1><p>${settings}</p>
<h2>Verdict</h2>${verdict}
<h2>The sale</h2>${headline}
<div class="charts">${charts.join('\n')}</div>
<h2>Faults</h2>${input.faults.length === 0 ? '<p>No faults in this run.</p>' : faults}
<h2>Latency</h2>${latency}
<h2>CPU per booking, by process</h2>${cpu}
</body></html>
`;
}
