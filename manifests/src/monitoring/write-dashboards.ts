import { rmSync, writeFileSync } from 'node:fs';
import { workloadsOf } from '../charts.js';
import { settingsFromEnv } from '../settings.js';
import { dashboardsDir, readDashboardFiles, urrDashboards } from './dashboard-files.js';

const settings = settingsFromEnv();
const dashboards = urrDashboards({
  workloads: workloadsOf(settings),
  servicesNamespace: settings.servicesNamespace ?? 'urr',
});
for (const { file } of readDashboardFiles()) if (!(file in dashboards)) rmSync(`${dashboardsDir}/${file}`);
for (const [file, dashboard] of Object.entries(dashboards))
  writeFileSync(`${dashboardsDir}/${file}`, `${JSON.stringify(dashboard, null, 2)}\n`);
console.log(`[dashboards] wrote ${Object.keys(dashboards).length} dashboards to ${dashboardsDir}`);
