import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { helmAddons, monitoringNamespace } from '../addons/helm-addons.js';
import { defineUrrCharts, workloadsOf } from '../charts.js';
import { crdSchemaFindings } from '../crd-schemas.js';
import { isCheckedGroup } from '../crd-schemas-sources.js';
import { settingsFromEnv } from '../settings.js';
import { type ManifestObject, ofKind, testSettings } from '../test-support.js';
import { routedSeverities } from './alertmanager-config.js';
import { readDashboardFiles } from './dashboard-files.js';
import { promqlFindings } from './promql.js';

function render(settings = testSettings) {
  const app = Testing.app();
  const charts = defineUrrCharts(app, settings);
  const objects = (chart: keyof typeof charts) => Testing.synth(charts[chart]) as ManifestObject[];
  return {
    monitoring: objects('monitoring'),
    services: objects('services'),
    operator: objects('operator'),
    argocd: objects('argocd'),
  };
}

const rendered = render();
const rules = ofKind(rendered.monitoring, 'PrometheusRule').flatMap((rule) =>
  rule.spec.groups.flatMap((group: { rules: Record<string, unknown>[] }) => group.rules),
);

const selects = (selector: ManifestObject['spec']['selector'], labels: Record<string, string> = {}) =>
  Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
  (selector.matchExpressions ?? []).every(
    (expression: { key: string; operator: string; values: string[] }) =>
      expression.operator === 'NotIn' && !expression.values.includes(labels[expression.key] ?? ''),
  );

describe('UrrMonitoringChart: scraping', () => {
  const monitors = ofKind(rendered.monitoring, 'ServiceMonitor');
  const services = ofKind([...rendered.services, ...rendered.operator], 'Service');

  it('has a ServiceMonitor for every backend service of the catalog and for the operator', () => {
    const backend = workloadsOf(testSettings)
      .filter((workload) => workload.id !== 'frontend')
      .map((workload) => workload.name);
    expect(backend).toHaveLength(8);
    expect(monitors.map((monitor) => monitor.metadata.name).sort()).toEqual(
      [...backend, 'ticketevent-operator-metrics'].sort(),
    );
  });

  it.each(
    ofKind(rendered.monitoring, 'ServiceMonitor').map((monitor) => [monitor.metadata.name, monitor] as const),
  )(
    '%s selects exactly one rendered Service (never a preview), by a port that Service names',
    (_, monitor) => {
      const matched = services.filter(
        (service) =>
          monitor.spec.namespaceSelector.matchNames.includes(service.metadata.namespace) &&
          selects(monitor.spec.selector, service.metadata.labels),
      );
      expect(matched.map((service) => service.metadata.name)).toEqual([monitor.metadata.name]);
      const [endpoint] = monitor.spec.endpoints;
      expect(endpoint.path).toBe('/metrics');
      expect(matched[0]?.spec.ports.map((port: { name: string }) => port.name)).toContain(endpoint.port);
    },
  );

  it("keeps the operator's own namespace label on the TicketEvent series, and the target's on the services'", () => {
    const honoured = monitors.filter((monitor) => monitor.spec.endpoints[0].honorLabels);
    expect(honoured.map((monitor) => monitor.metadata.name)).toEqual(['ticketevent-operator-metrics']);
  });
});

describe('UrrMonitoringChart: alert rules', () => {
  it('covers the booking path, the admission path and the events between the services', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'UrrGateway5xxRatioHigh',
        'UrrSeatReserveP99AboveObjective',
        'UrrPaymentConfirmP99AboveObjective',
        'UrrAdmissionOutboxGrowing',
        'UrrAdmissionOutboxStalled',
        'UrrOperatorWithoutLeader',
        'UrrTicketEventsDeadLettersGrowing',
        'UrrOutboxEventsDelayed',
        'UrrOutboxStalled',
        'UrrKafkaConsumerLagHigh',
        'UrrKafkaConsumerStuck',
      ]),
    );
  });

  it('every expression parses', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(
      promqlFindings(rules.map((rule) => ({ name: String(rule.alert), expr: String(rule.expr) }))),
    ).toEqual([]);
  });

  it('the same check fails on a rule whose expression is broken', () => {
    const broken = rules.map((rule, index) =>
      index === 1
        ? { name: String(rule.alert), expr: String(rule.expr).replace('[5m]))', '[5m])') }
        : { name: String(rule.alert), expr: String(rule.expr) },
    );
    expect(promqlFindings(broken)).toEqual([
      expect.stringContaining(`${rules[1]?.alert}: PromQL does not parse`),
    ]);
  });

  it('every rule has a routed severity, a duration to hold and a summary', () => {
    for (const rule of rules) {
      expect(routedSeverities).toContain((rule.labels as { severity: string }).severity);
      expect(rule.for).toMatch(/^\d+m$/);
      expect((rule.annotations as { summary: string }).summary).not.toBe('');
    }
  });

  it("thresholds follow the TicketEvent's default booking objective", () => {
    const expr = (alert: string) => String(rules.find((rule) => rule.alert === alert)?.expr);
    expect(expr('UrrSeatReserveP99AboveObjective')).toContain('route="/api/v1/seats/reserve"}[5m]))) > 0.3 ');
    expect(expr('UrrPaymentConfirmP99AboveObjective')).toContain(
      'route="/api/v1/payments/:id/confirm"}[5m]))) > 1 ',
    );
    expect(expr('UrrGateway5xxRatioHigh')).toContain(' > 0.01 ');
  });
});

describe('UrrMonitoringChart: where alerts go', () => {
  it('routes critical and warning alerts to the alarm topic of the settings, signed with SigV4 in its region', () => {
    const topicArn = 'arn:aws:sns:eu-west-1:111122223333:urr-alarms';
    const settings = settingsFromEnv({ URR_AWS_REGION: 'eu-west-1', URR_ALARM_TOPIC_ARN: topicArn });
    const [config] = ofKind(render(settings).monitoring, 'AlertmanagerConfig');
    expect(config?.metadata.namespace).toBe(monitoringNamespace);
    expect(config?.spec.route.matchers).toEqual([
      { name: 'severity', matchType: '=~', value: 'critical|warning' },
    ]);
    const [receiver] = config?.spec.receivers ?? [];
    expect(config?.spec.route.receiver).toBe(receiver.name);
    expect(receiver.snsConfigs).toEqual([
      expect.objectContaining({ topicARN: topicArn, sigv4: { region: 'eu-west-1' } }),
    ]);
  });

  it("Alertmanager's service account has the alertmanager IRSA role and routes every namespace's alerts", () => {
    const settings = settingsFromEnv({
      URR_ALERTMANAGER_ROLE_ARN: 'arn:aws:iam::111122223333:role/alertmanager',
    });
    const stack = helmAddons(settings.addons!, settings.awsRegion).find(
      (addon) => addon.name === 'kube-prometheus-stack',
    );
    const alertmanager = stack?.values.alertmanager as Record<string, Record<string, unknown>>;
    expect(alertmanager.serviceAccount).toEqual({
      create: true,
      name: 'alertmanager',
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/alertmanager' },
    });
    expect(alertmanager.alertmanagerSpec?.alertmanagerConfigMatcherStrategy).toEqual({ type: 'None' });
  });
});

describe('UrrMonitoringChart: dashboards', () => {
  it('ships every committed dashboard as a ConfigMap the Grafana sidecar loads', () => {
    const maps = ofKind(rendered.monitoring, 'ConfigMap');
    const files = readDashboardFiles();
    expect(maps).toHaveLength(files.length);
    for (const { file, text } of files) {
      const map = maps.find((candidate) => file in candidate.data);
      expect(map?.metadata.labels?.grafana_dashboard).toBe('1');
      expect(map?.metadata.namespace).toBe(monitoringNamespace);
      expect(map?.data[file]).toBe(text);
    }
  });
});

describe('UrrMonitoringChart: in the render', () => {
  it('every object is of a group the CRD schema check covers, and validates against the vendored schemas', () => {
    const crdObjects = rendered.monitoring.filter((object) => object.apiVersion.includes('.'));
    expect(crdObjects.length).toBeGreaterThan(0);
    for (const object of crdObjects) expect(isCheckedGroup(object.apiVersion.split('/')[0]!)).toBe(true);
    expect(crdSchemaFindings(rendered.monitoring)).toEqual([]);
  });

  it('the CRD schema check rejects a ServiceMonitor field the schema does not declare', () => {
    const [monitor] = ofKind(rendered.monitoring, 'ServiceMonitor');
    const broken = structuredClone(monitor!);
    broken.spec.endpoints[0].scrapeIntervall = '15s';
    expect(crdSchemaFindings([broken])).not.toEqual([]);
  });

  it("the local node's sync skips all of it: kinds of the Prometheus operator, or marked EKS-only", () => {
    for (const object of rendered.monitoring)
      expect(
        object.apiVersion.startsWith('monitoring.coreos.com/') ||
          Boolean(object.metadata.annotations?.['urr.guru/eks-only']),
        `${object.kind} ${object.metadata.name}`,
      ).toBe(true);
  });

  it('is its own Application, after kube-prometheus-stack serves its kinds and before URR syncs', () => {
    const applications = ofKind(rendered.argocd, 'Application');
    const wave = (name: string) =>
      Number(
        applications.find((app) => app.metadata.name === name)?.metadata.annotations?.[
          'argocd.argoproj.io/sync-wave'
        ],
      );
    const monitoring = applications.find((app) => app.metadata.name === 'urr-monitoring');
    expect(monitoring?.spec.source.directory).toEqual({ include: 'urr-monitoring.k8s.yaml' });
    expect(monitoring?.spec.destination.namespace).toBe(monitoringNamespace);
    expect(wave('urr-monitoring')).toBeGreaterThan(wave('kube-prometheus-stack'));
    for (const urr of ['urr-crds', 'urr-operator', 'urr-services'])
      expect(wave('urr-monitoring')).toBeLessThan(wave(urr));
  });
});
