export {
  ArgoCdApplications,
  type ArgoCdApplicationsProps,
  type IgnoredDifference,
} from './argocd-applications.js';
export {
  defineUrrCharts,
  externalEndpoints,
  operatorScaledWorkloads,
  UrrArgoCdChart,
  UrrCrdsChart,
  type UrrManifestSettings,
  UrrOperatorChart,
  UrrServicesChart,
} from './charts.js';
export { EdgeIngress, type EdgeIngressProps } from './edge-ingress.js';
export { EnvVar, SecretKey } from './env-var.js';
export { ExternalEndpoint } from './external-endpoint.js';
export { ImageRef } from './image-ref.js';
export { UrrMonitoringChart, type UrrMonitoringChartProps } from './monitoring/monitoring-chart.js';
export { NetworkPolicies, type NetworkPoliciesProps } from './network-policies.js';
export { TicketEventOperator, type TicketEventOperatorProps } from './operator.js';
export { ReplicaRange } from './replica-range.js';
export { ResourceBudget } from './resource-budget.js';
export { BlueGreenRollout, type BlueGreenRolloutProps, PreviewReadyAnalysis } from './rollout.js';
export { secretContract } from './secret-contract.js';
export { backendServices, type WorkloadSpec, workloadCatalog } from './service-catalog.js';
export { settingsFromEnv } from './settings.js';
export { TicketEventCrd } from './ticket-event-crd.js';
export { UrrService, type UrrServiceProps } from './urr-service.js';
