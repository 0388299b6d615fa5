import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkloadSpec } from '../service-catalog.js';
import { type Dashboard, saleDashboard, serviceDashboard } from './dashboards.js';
import { gatewayServiceOf } from './scrape-targets.js';

/** The committed dashboards (`npm run dashboards -w @urr/manifests` writes them). */
export const dashboardsDir = fileURLToPath(new URL('./dashboards/', import.meta.url));

/** The dashboards by file name: the sale's, and one per backend service of the catalog. */
export function urrDashboards(options: {
  readonly workloads: readonly WorkloadSpec[];
  readonly servicesNamespace: string;
}): Record<string, Dashboard> {
  const { servicesNamespace } = options;
  return {
    'urr-sale.json': saleDashboard({
      servicesNamespace,
      gatewayService: gatewayServiceOf(options.workloads),
    }),
    ...Object.fromEntries(
      options.workloads
        .filter((workload) => workload.id !== 'frontend')
        .map((workload) => [
          `urr-${workload.name}.json`,
          serviceDashboard({ servicesNamespace, service: workload.name }),
        ]),
    ),
  };
}

export interface DashboardFile {
  readonly file: string;
  readonly text: string;
}

/** The committed dashboard files, by name. */
export const readDashboardFiles = (dir = dashboardsDir): DashboardFile[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, text: readFileSync(`${dir}/${file}`, 'utf8') }));
