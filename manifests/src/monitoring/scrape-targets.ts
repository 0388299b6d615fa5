import { operatorName, operatorSelector } from '../operator.js';
import type { WorkloadSpec } from '../service-catalog.js';
import { selectorOf } from '../urr-service.js';

/** A Service whose pods serve Prometheus' /metrics, as one ServiceMonitor selects it. */
export interface ScrapeTarget {
  /** The ServiceMonitor's name (the job label: the Service's name). */
  readonly name: string;
  readonly namespace: string;
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Components whose Services select the same pods (a blue-green preview): not scraped twice. */
  readonly excludedComponents: readonly string[];
  /** The Service port's name. */
  readonly port: string;
  /**
   * Keep the series' own labels over the target's: the operator labels a TicketEvent's series with the
   * TicketEvent's namespace, which must not become `exported_namespace`.
   */
  readonly honorLabels: boolean;
}

/** The port `UrrService` names on every service's Service; the app serves /metrics on it. */
export const servicePortName = 'http';
/** The operator's metrics Service and port (operator.ts). */
export const operatorMetricsService = `${operatorName}-metrics`;
export const operatorMetricsPort = 'http-metrics';
/** A blue-green Rollout's preview Service carries this component label (rollout.ts). */
export const previewComponent = 'preview';

/** Every backend service of the catalog (the frontend serves no /metrics) and the operator. */
export function urrScrapeTargets(options: {
  readonly workloads: readonly WorkloadSpec[];
  readonly servicesNamespace: string;
  readonly operatorNamespace: string;
}): ScrapeTarget[] {
  const services = options.workloads
    .filter((workload) => workload.id !== 'frontend')
    .map(
      (workload): ScrapeTarget => ({
        name: workload.name,
        namespace: options.servicesNamespace,
        matchLabels: selectorOf(workload.name),
        excludedComponents: workload.blueGreen ? [previewComponent] : [],
        port: servicePortName,
        honorLabels: false,
      }),
    );
  return [
    ...services,
    {
      name: operatorMetricsService,
      namespace: options.operatorNamespace,
      matchLabels: operatorSelector,
      excludedComponents: [],
      port: operatorMetricsPort,
      honorLabels: true,
    },
  ];
}

/** The gateway's Service name: the `service` label of the series the booking path is judged by. */
export function gatewayServiceOf(workloads: readonly WorkloadSpec[]): string {
  const gateway = workloads.find((workload) => workload.id === 'gateway');
  if (!gateway) throw new Error('the workload catalog has no gateway');
  return gateway.name;
}
