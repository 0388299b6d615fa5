import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { grafanaDashboardLabel } from '../addons/helm-addons.js';
import type { WorkloadSpec } from '../service-catalog.js';
import { urrAlertGroups } from './alert-rules.js';
import { alarmRoutingSpec } from './alertmanager-config.js';
import { defaultBookingObjective } from './booking-path.js';
import { readDashboardFiles } from './dashboard-files.js';
import { gatewayServiceOf, urrScrapeTargets } from './scrape-targets.js';

export interface UrrMonitoringChartProps {
  /** Where Prometheus, Alertmanager and Grafana run (kube-prometheus-stack's namespace). */
  readonly monitoringNamespace: string;
  readonly servicesNamespace: string;
  readonly operatorNamespace: string;
  readonly workloads: readonly WorkloadSpec[];
  /** The SNS topic alerts go to, and its region. */
  readonly alarmTopicArn: string;
  readonly region: string;
}

const apiVersion = 'monitoring.coreos.com/v1';
const labels = { 'app.kubernetes.io/part-of': 'urr', 'app.kubernetes.io/component': 'monitoring' };

/**
 * URR's own monitoring on kube-prometheus-stack (docs/adr/0035-monitoring-urr.md): a ServiceMonitor per
 * service and the operator, the sale's alert rules, their routing to the alarm topic, and the Grafana
 * dashboards. Everything lives in the monitoring namespace; the ServiceMonitors reach into URR's.
 */
export class UrrMonitoringChart extends Chart {
  constructor(scope: Construct, id: string, props: UrrMonitoringChartProps) {
    super(scope, id);
    const namespace = props.monitoringNamespace;
    const metadata = (name: string) => ({ name, namespace, labels });

    for (const target of urrScrapeTargets(props))
      new ApiObject(this, `service-monitor-${target.name}`, {
        apiVersion,
        kind: 'ServiceMonitor',
        metadata: metadata(target.name),
        spec: {
          namespaceSelector: { matchNames: [target.namespace] },
          selector: {
            matchLabels: target.matchLabels,
            ...(target.excludedComponents.length > 0
              ? {
                  matchExpressions: [
                    {
                      key: 'app.kubernetes.io/component',
                      operator: 'NotIn',
                      values: [...target.excludedComponents],
                    },
                  ],
                }
              : {}),
          },
          endpoints: [
            { port: target.port, path: '/metrics', interval: '15s', honorLabels: target.honorLabels },
          ],
        },
      });

    new ApiObject(this, 'alert-rules', {
      apiVersion,
      kind: 'PrometheusRule',
      metadata: metadata('urr-sale-alerts'),
      spec: {
        groups: urrAlertGroups({
          servicesNamespace: props.servicesNamespace,
          gatewayService: gatewayServiceOf(props.workloads),
          objective: defaultBookingObjective(),
        }).map((group) => ({
          name: group.name,
          rules: group.rules.map((rule) => ({
            alert: rule.alert,
            expr: rule.expr,
            for: rule.for,
            labels: { severity: rule.severity },
            annotations: { summary: rule.summary, description: rule.description },
          })),
        })),
      },
    });

    new ApiObject(this, 'alarm-routing', {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: metadata('urr-alarm-topic'),
      spec: alarmRoutingSpec({ topicArn: props.alarmTopicArn, region: props.region }),
    });

    for (const { file, text } of readDashboardFiles()) {
      const name = `grafana-dashboard-${file.replace(/\.json$/, '')}`;
      new k8s.KubeConfigMap(this, name, {
        metadata: {
          name,
          namespace,
          labels: { ...labels, [grafanaDashboardLabel]: '1' },
          // The local node's sync (scripts/cluster-deploy) skips it with this reason, as it skips the rest.
          annotations: { 'urr.guru/eks-only': "Grafana runs in EKS only (kube-prometheus-stack's)" },
        },
        data: { [file]: text },
      });
    }
  }
}
