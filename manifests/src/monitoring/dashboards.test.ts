import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workloadsOf } from '../charts.js';
import { testSettings } from '../test-support.js';
import { readDashboardFiles, urrDashboards } from './dashboard-files.js';
import { promqlFindings } from './promql.js';

/** The fields Grafana needs to import a dashboard, and that every panel of URR's reads Prometheus. */
const grafanaDashboard = z.object({
  uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(30),
  time: z.object({ from: z.string(), to: z.string() }),
  templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string() })) }),
  panels: z
    .array(
      z.object({
        id: z.number().int().positive(),
        type: z.enum(['timeseries', 'stat']),
        title: z.string().min(1),
        gridPos: z.object({
          x: z.number().int().min(0).max(23),
          y: z.number().int().min(0),
          w: z.number().int().min(1).max(24),
          h: z.number().int().min(1),
        }),
        datasource: z.object({ type: z.literal('prometheus'), uid: z.string().min(1) }),
        targets: z
          .array(z.object({ refId: z.string().min(1), expr: z.string().min(1), legendFormat: z.string() }))
          .min(1),
      }),
    )
    .min(1),
});

const files = readDashboardFiles();

describe('the committed Grafana dashboards', () => {
  it('are what the generator writes (npm run dashboards -w @urr/manifests): the sale and one per service', () => {
    const expected = urrDashboards({ workloads: workloadsOf(testSettings), servicesNamespace: 'urr' });
    expect(files.map(({ file }) => file)).toEqual(Object.keys(expected).sort());
    for (const { file, text } of files) expect(JSON.parse(text), file).toEqual(expected[file]);
  });

  it.each(files.map(({ file, text }) => [file, text] as const))(
    '%s is a Grafana dashboard whose every query parses',
    (_, text) => {
      const dashboard = grafanaDashboard.parse(JSON.parse(text));
      const ids = dashboard.panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of dashboard.panels) expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      const queries = dashboard.panels.flatMap((panel) =>
        panel.targets.map((target) => ({ name: `${panel.title} ${target.refId}`, expr: target.expr })),
      );
      expect(promqlFindings(queries)).toEqual([]);
    },
  );

  it('the shape check rejects a panel without a query, and the parse check a broken query', () => {
    const [{ text } = { text: '' }] = files;
    const dashboard = JSON.parse(text);
    dashboard.panels[0].targets = [];
    expect(grafanaDashboard.safeParse(dashboard).success).toBe(false);
    expect(promqlFindings([{ name: 'panel A', expr: 'sum(rate(x[$__rate_interval])' }])).toHaveLength(1);
  });
});
