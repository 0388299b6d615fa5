import { readFileSync } from 'node:fs';
import { imageRepositories } from '@urr/infra/compute/image-repositories';
import { everydayBaseline, scaledServices } from '@urr/operator/hpa-bounds';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { carriesCredential } from './env-var.js';
import { find, type ManifestObject, ofKind, synthAll } from './test-support.js';
import { ticketEventCrdFile } from './ticket-event-crd.js';

const { crds, operator, services, argocd } = synthAll();

/** Every workload's HPA range (docs/architecture.md, the parts); the frontend's: docs/adr/0017. */
const hpaRanges: Record<string, [number, number]> = {
  'gateway-service': [3, 10],
  'auth-service': [2, 6],
  'ticket-service': [3, 10],
  'payment-service': [2, 6],
  'stats-service': [1, 4],
  'queue-service': [3, 8],
  'catalog-service': [2, 6],
  'community-service': [1, 4],
  frontend: [2, 6],
};
const ports: Record<string, number> = {
  frontend: 3000,
  'gateway-service': 3001,
  'ticket-service': 3002,
  'payment-service': 3003,
  'stats-service': 3004,
  'auth-service': 3005,
  'queue-service': 3007,
  'community-service': 3008,
  'catalog-service': 3009,
};
const blueGreen = ['gateway-service', 'ticket-service', 'payment-service', 'queue-service'];
const workloadNames = Object.keys(hpaRanges);

const workloadOf = (name: string) => find(services, 'Rollout', name) ?? find(services, 'Deployment', name);
const containerOf = (object: ManifestObject) => object.spec.template.spec.containers[0];

describe('every workload of the services namespace', () => {
  it.each(workloadNames)(
    '%s has a workload, Service, HPA with its replica range, PDB and ServiceAccount',
    (name) => {
      const workload = workloadOf(name);
      expect(workload, `Deployment or Rollout ${name}`).toBeDefined();
      expect(find(services, 'Service', name)?.spec.ports[0].port).toBe(ports[name]);
      const hpa = find(services, 'HorizontalPodAutoscaler', name);
      expect([hpa?.spec.minReplicas, hpa?.spec.maxReplicas]).toEqual(hpaRanges[name]);
      expect(hpa?.spec.scaleTargetRef).toEqual({
        apiVersion: workload?.apiVersion,
        kind: workload?.kind,
        name,
      });
      expect(find(services, 'PodDisruptionBudget', name)?.spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      });
      expect(find(services, 'ServiceAccount', name)?.automountServiceAccountToken).toBe(false);
    },
  );

  it.each(workloadNames)(
    '%s probes /health and its readiness route (/ready; the web server has only /health), runs non-root on a read-only root fs, with resources',
    (name) => {
      const template = workloadOf(name)!.spec.template.spec;
      const container = containerOf(workloadOf(name)!);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({
        path: name === 'frontend' ? '/health' : '/ready',
        port: 'http',
      });
      expect(container.ports).toEqual([{ name: 'http', containerPort: ports[name], protocol: 'TCP' }]);
      expect(template.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources.requests).toHaveProperty('cpu');
      expect(container.resources.limits).toHaveProperty('memory');
      expect(container.image).toBe(
        `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/urr/${name}:3f9c2e1-20261125T2100`,
      );
    },
  );

  it('backend services listen on all interfaces at their port', () => {
    for (const name of workloadNames.filter((each) => each !== 'frontend')) {
      const env = containerOf(workloadOf(name)!).env;
      expect(env).toContainEqual({ name: 'HOST', value: '0.0.0.0' });
      expect(env).toContainEqual({ name: 'PORT', value: String(ports[name]) });
    }
  });
});

describe('blue-green rollouts', () => {
  it('gateway, ticket, payment and queue are Rollouts; the others Deployments', () => {
    expect(
      ofKind(services, 'Rollout')
        .map((rollout) => rollout.metadata.name)
        .sort(),
    ).toEqual([...blueGreen].sort());
    for (const name of blueGreen) expect(find(services, 'Deployment', name)).toBeUndefined();
    expect(
      ofKind(services, 'Deployment')
        .map((deployment) => deployment.metadata.name)
        .sort(),
    ).toEqual(workloadNames.filter((name) => !blueGreen.includes(name)).sort());
  });

  it.each(blueGreen)(
    '%s waits for approval after a 5 × 10 s readiness analysis and keeps blue for 30 s',
    (name) => {
      const rollout = find(services, 'Rollout', name)!;
      expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
      expect(rollout.spec.replicas).toBeUndefined();
      const strategy = rollout.spec.strategy.blueGreen;
      expect(strategy).toMatchObject({
        activeService: name,
        previewService: `${name}-preview`,
        autoPromotionEnabled: false,
        scaleDownDelaySeconds: 30,
      });
      expect(find(services, 'Service', `${name}-preview`)?.spec.selector).toEqual({
        'app.kubernetes.io/name': name,
      });
      const templateName = strategy.prePromotionAnalysis.templates[0].templateName;
      const metric = find(services, 'AnalysisTemplate', templateName)!.spec.metrics[0];
      expect(metric).toMatchObject({ count: 5, interval: '10s', failureLimit: 0 });
      expect(metric.provider.web.url).toContain('/ready');
    },
  );

  it('the HPAs the operator pre-scales match its names and everyday bounds', () => {
    for (const service of scaledServices) {
      const hpa = find(services, 'HorizontalPodAutoscaler', `${service}-service`)!;
      expect({ minReplicas: hpa.spec.minReplicas, maxReplicas: hpa.spec.maxReplicas }).toEqual(
        everydayBaseline[service],
      );
    }
  });
});

/** Caller → callee pairs that the per-workload policies let through, read from their ingress rules. */
function allowedCalls(objects: readonly ManifestObject[]): string[] {
  const calls: string[] = [];
  for (const policy of ofKind(objects, 'NetworkPolicy')) {
    const target = policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'];
    for (const rule of policy.spec.ingress ?? [])
      for (const peer of rule.from ?? [])
        if (peer.podSelector && !peer.namespaceSelector)
          calls.push(`${peer.podSelector.matchLabels['app.kubernetes.io/name']}→${target}`);
  }
  return calls.sort();
}

function egressCalls(objects: readonly ManifestObject[]): string[] {
  const calls: string[] = [];
  for (const policy of ofKind(objects, 'NetworkPolicy')) {
    const source = policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'];
    for (const rule of policy.spec.egress ?? [])
      for (const peer of rule.to ?? [])
        if (peer.podSelector && !peer.namespaceSelector)
          calls.push(`${source}→${peer.podSelector.matchLabels['app.kubernetes.io/name']}`);
  }
  return calls.sort();
}

const egressPorts = (name: string) =>
  find(services, 'NetworkPolicy', name)!.spec.egress.flatMap((rule: { ports: { port: number }[] }) =>
    rule.ports.map((port) => port.port),
  );

describe('network policies', () => {
  const expectedCalls = [
    ...['auth', 'ticket', 'payment', 'stats', 'queue', 'catalog', 'community'].map(
      (to) => `gateway-service→${to}-service`,
    ),
    'ticket-service→payment-service',
    'queue-service→catalog-service',
    'queue-service→ticket-service',
    'community-service→ticket-service',
    'community-service→catalog-service',
    'catalog-service→auth-service',
    'auth-service→queue-service',
    'frontend→gateway-service',
  ].sort();

  it('deny everything in the namespace unless a policy allows it', () => {
    expect(find(services, 'NetworkPolicy', 'default-deny-all')!.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(find(operator, 'NetworkPolicy', 'default-deny-all')!.spec.podSelector).toEqual({});
  });

  it("every edge of the call graph has its URL in the caller's environment", () => {
    const envOf = (name: string) =>
      Object.fromEntries(
        containerOf(workloadOf(name)!).env.map((v: { name: string; value?: string }) => [v.name, v.value]),
      );
    expect(envOf('ticket-service').PAYMENT_URL).toBe('http://payment-service:3003');
    expect(envOf('queue-service').CATALOG_URL).toBe('http://catalog-service:3009');
    expect(envOf('community-service').TICKET_URL).toBe('http://ticket-service:3002');
    expect(envOf('community-service').CATALOG_URL).toBe('http://catalog-service:3009');
    expect(envOf('catalog-service').AUTH_URL).toBe('http://auth-service:3005');
    expect(envOf('auth-service').QUEUE_URL).toBe('http://queue-service:3007');
    expect(envOf('frontend').GATEWAY_URL).toBe('http://gateway-service:3001');
  });

  it('allow exactly the call graph, on both ends', () => {
    expect(allowedCalls(services)).toEqual(expectedCalls);
    expect(egressCalls(services)).toEqual(expectedCalls);
    expect(allowedCalls(services)).not.toContain('payment-service→ticket-service');
    expect(allowedCalls(services)).not.toContain('frontend→ticket-service');
  });

  it('let every pod resolve names through kube-dns', () => {
    const dns = find(services, 'NetworkPolicy', 'allow-dns-egress')!.spec;
    expect(dns.podSelector).toEqual({});
    expect(dns.egress[0].to[0].podSelector.matchLabels).toEqual({ 'k8s-app': 'kube-dns' });
    expect(dns.egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('open Postgres, Redis and Kafka only to the services that use them, at their subnets', () => {
    const owners = (port: number) => workloadNames.filter((name) => egressPorts(name).includes(port)).sort();
    expect(owners(5432)).toEqual(
      ['auth', 'ticket', 'payment', 'stats', 'catalog', 'community'].map((id) => `${id}-service`).sort(),
    );
    expect(owners(6379)).toEqual(['gateway-service', 'queue-service', 'ticket-service']);
    expect(owners(9094)).toEqual([
      'catalog-service',
      'payment-service',
      'queue-service',
      'stats-service',
      'ticket-service',
    ]);
    const redisRule = find(services, 'NetworkPolicy', 'queue-service')!.spec.egress.find(
      (rule: { ports: { port: number }[] }) => rule.ports[0]?.port === 6379,
    );
    expect(redisRule.to).toEqual([
      { ipBlock: { cidr: '10.0.30.0/24' } },
      { ipBlock: { cidr: '10.0.31.0/24' } },
    ]);
  });

  it('let the ALB reach only the gateway and the frontend, and the operator ticket-service and the gateway', () => {
    const fromAlb = workloadNames.filter((name) =>
      find(services, 'NetworkPolicy', name)!.spec.ingress.some(
        (rule: { from: { ipBlock?: { cidr: string } }[] }) =>
          rule.from.some((peer) => peer.ipBlock?.cidr === '10.0.0.0/24'),
      ),
    );
    expect(fromAlb.sort()).toEqual(['frontend', 'gateway-service']);
    const ticketIngress = find(services, 'NetworkPolicy', 'ticket-service')!.spec.ingress;
    expect(ticketIngress).toContainEqual({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'urr-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ticketevent-operator' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 3002 }],
    });
    const gatewayIngress = find(services, 'NetworkPolicy', 'gateway-service')!.spec.ingress;
    expect(gatewayIngress).toContainEqual({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'urr-system' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ticketevent-operator' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 3001 }],
    });
  });
});

describe('images', () => {
  it('come from the ECR repositories the infra compute stack creates, all at one tag', () => {
    const images = [...services, ...operator]
      .filter((object) => object.kind === 'Deployment' || object.kind === 'Rollout')
      .map((workload) => containerOf(workload).image as string);
    const repositories = images.map((image) => /\/urr\/([a-z-]+):/.exec(image)?.[1]);
    expect(repositories.sort()).toEqual([...imageRepositories].sort());
    expect(new Set(images.map((image) => image.split(':').at(-1)))).toEqual(
      new Set(['3f9c2e1-20261125T2100']),
    );
  });
});

describe('secrets', () => {
  it('every credential comes from a Secret, and the manifests define no Secret', () => {
    const all = [...services, ...operator];
    expect(ofKind(all, 'Secret')).toEqual([]);
    let credentials = 0;
    for (const workload of [...ofKind(all, 'Deployment'), ...ofKind(all, 'Rollout')])
      for (const variable of containerOf(workload).env) {
        if (!carriesCredential(variable.name)) continue;
        credentials += 1;
        expect(variable.value, `${workload.metadata.name} ${variable.name}`).toBeUndefined();
        expect(variable.valueFrom.secretKeyRef.name).toMatch(/^[a-z0-9-]+$/);
      }
    expect(credentials).toBeGreaterThan(15);
  });
});

describe('the TicketEvent operator', () => {
  const clusterRole = find(operator, 'ClusterRole', 'urr-ticketevent-operator')!;
  const rule = (resource: string) =>
    clusterRole.rules.find((each: { resources: string[] }) => each.resources.includes(resource));

  it('may touch TicketEvents, their status and finalizers, HPAs and Events, list EndpointSlices, and nothing else', () => {
    expect(rule('ticketevents').verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'patch']));
    expect(rule('ticketevents/status').verbs).toContain('patch');
    expect(rule('ticketevents/finalizers').verbs).toContain('update');
    expect(rule('horizontalpodautoscalers').apiGroups).toEqual(['autoscaling']);
    expect(rule('horizontalpodautoscalers').verbs).toEqual(
      expect.arrayContaining(['get', 'create', 'patch']),
    );
    expect(rule('events')).toMatchObject({
      apiGroups: ['events.k8s.io'],
      verbs: expect.arrayContaining(['create']),
    });
    expect(rule('endpointslices')).toEqual({
      apiGroups: ['discovery.k8s.io'],
      resources: ['endpointslices'],
      verbs: ['list'],
    });
    expect(clusterRole.rules.flatMap((each: { resources: string[] }) => each.resources)).not.toContain(
      'secrets',
    );
    const binding = find(operator, 'RoleBinding', 'urr-ticketevent-operator')!;
    expect(binding.metadata.namespace).toBe('urr');
    expect(binding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'urr-ticketevent-operator' });
    const leases = find(operator, 'Role', 'ticketevent-operator-leader-election')!;
    expect(leases.metadata.namespace).toBe('urr-system');
    expect(leases.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
  });

  it('runs two replicas watching the services namespace, without installing the CRD itself', () => {
    const deployment = find(operator, 'Deployment', 'ticketevent-operator')!;
    expect(deployment.spec.replicas).toBe(2);
    const env = containerOf(deployment).env;
    expect(env).toContainEqual({ name: 'INSTALL_CRD', value: 'false' });
    expect(env).toContainEqual({ name: 'WATCH_NAMESPACE', value: 'urr' });
    expect(env).toContainEqual({
      name: 'TICKET_URL',
      value: 'http://ticket-service.urr.svc.cluster.local:3002',
    });
    expect(env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(env).toContainEqual({ name: 'GATEWAY_METRICS_SERVICE', value: 'gateway-service' });
    const egress = find(operator, 'NetworkPolicy', 'ticketevent-operator')!.spec.egress;
    expect(egress).toContainEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'urr' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway-service' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 3001 }],
    });
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(containerOf(deployment).livenessProbe.httpGet.path).toBe('/healthz');
  });

  it('ships the committed CRD unchanged', () => {
    expect(crds).toEqual([parse(readFileSync(ticketEventCrdFile, 'utf8'))]);
  });
});

describe('Argo CD', () => {
  const application = (name: string) => find(argocd, 'Application', name)!;

  it('syncs the CRD, then the operator, then the services from the synthesised directory', () => {
    const urrApplications = ofKind(argocd, 'Application').filter((app) => app.spec.project === 'urr');
    expect(urrApplications.map((app) => app.metadata.name)).toEqual([
      'urr-crds',
      'urr-operator',
      'urr-services',
    ]);
    for (const [name, wave] of [
      ['urr-crds', '-2'],
      ['urr-operator', '-1'],
      ['urr-services', '0'],
    ] as const) {
      const app = application(name);
      expect(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe(wave);
      expect(app.spec.source).toEqual({
        repoURL: 'https://git.example.com/urr/urr.git',
        targetRevision: 'rendered',
        path: 'manifests/dist',
        directory: { include: `${name}.k8s.yaml` },
      });
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    }
  });

  it('leaves the HPA bounds the operator manages alone', () => {
    const app = application('urr-services');
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(app.spec.ignoreDifferences).toEqual(
      ['gateway-service', 'queue-service', 'ticket-service'].map((name) => ({
        group: 'autoscaling',
        kind: 'HorizontalPodAutoscaler',
        name,
        namespace: 'urr',
        jsonPointers: ['/spec/minReplicas', '/spec/maxReplicas'],
      })),
    );
  });
});
