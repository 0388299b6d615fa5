import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { defineUrrCharts } from './charts.js';
import { type ManifestObject, testSettings } from './test-support.js';

/**
 * Sends the synthesised files to the local stack's real kube-apiserver with
 * `kubectl apply --server-side --dry-run=server`: the apiserver checks each object against its schema
 * (server-side apply refuses unknown fields), runs admission and the RBAC escalation check, and stores
 * nothing. Argo and External Secrets kinds are left out: their CRDs are the add-ons' and not installed
 * here (the vendored CRD schemas check them at synth, ADR 0022).
 */
const suffix = randomBytes(3).toString('hex');
const servicesNamespace = `urr-mt-${suffix}`;
const operatorNamespace = `urr-mt-${suffix}-sys`;
const argoKinds = new Set(['Rollout', 'AnalysisTemplate', 'Application', 'AppProject']);
const outdir = mkdtempSync(join(tmpdir(), 'urr-manifests-'));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kubectl(args: readonly string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const applyArgs = (dryRun: boolean) => [
  'apply',
  '--server-side',
  '--force-conflicts',
  '--field-manager=urr-manifests-test',
  ...(dryRun ? ['--dry-run=server'] : []),
  '-o',
  'json',
  '-f',
  '-',
];

const readObjects = (file: string) =>
  parseAllDocuments(readFileSync(join(outdir, file), 'utf8')).map(
    (document) => document.toJSON() as ManifestObject,
  );
const toYaml = (objects: readonly ManifestObject[]) =>
  objects.map((object) => stringify(object)).join('---\n');

/** Dry-runs the objects and returns what the apiserver answered, failing with kubectl's own message. */
async function dryRun(objects: readonly ManifestObject[]): Promise<ManifestObject[]> {
  const run = await kubectl(applyArgs(true), toYaml(objects));
  if (run.code !== 0) throw new Error(`kubectl refused the objects: ${run.stderr}`);
  const answer = JSON.parse(run.stdout);
  return answer.kind === 'List' ? answer.items : [answer];
}

let files: Record<'crds' | 'operator' | 'services', ManifestObject[]>;

beforeAll(async () => {
  const app = new App({ outdir });
  defineUrrCharts(app, { ...testSettings, servicesNamespace, operatorNamespace });
  app.synth();
  files = {
    crds: readObjects('urr-crds.k8s.yaml'),
    operator: readObjects('urr-operator.k8s.yaml'),
    services: readObjects('urr-services.k8s.yaml'),
  };
  // Namespaced objects need their namespace to exist: the charts' Namespaces are applied for real.
  const namespaces = [...files.operator, ...files.services].filter((object) => object.kind === 'Namespace');
  const run = await kubectl(applyArgs(false), toYaml(namespaces));
  if (run.code !== 0) throw new Error(`could not create the test namespaces: ${run.stderr}`);
});

afterAll(async () => {
  await kubectl(['delete', 'namespace', servicesNamespace, operatorNamespace, '--wait=false'], '');
  rmSync(outdir, { recursive: true, force: true });
});

const withoutNamespaces = (objects: readonly ManifestObject[]) =>
  objects.filter(
    (object) =>
      object.kind !== 'Namespace' && !argoKinds.has(object.kind) && object.kind !== 'ExternalSecret',
  );

describe('the synthesised YAML files against a real kube-apiserver (server-side dry run)', () => {
  it('accept the TicketEvent CRD', async () => {
    const [crd] = await dryRun(files.crds);
    expect(crd?.metadata.name).toBe('ticketevents.urr.guru');
  });

  it('accept every object of the operator file', async () => {
    const accepted = await dryRun(withoutNamespaces(files.operator));
    expect(new Set(accepted.map((object) => object.kind))).toEqual(
      new Set([
        'ClusterRole',
        'Deployment',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
      ]),
    );
  });

  it('accept every non-Argo object of the services file, and store none of them', async () => {
    const sent = withoutNamespaces(files.services);
    const accepted = await dryRun(sent);
    expect(accepted).toHaveLength(sent.length);
    const hpa = accepted.find(
      (object) => object.kind === 'HorizontalPodAutoscaler' && object.metadata.name === 'gateway-service',
    );
    expect([hpa?.spec.minReplicas, hpa?.spec.maxReplicas]).toEqual([3, 10]);
    expect(hpa?.spec.scaleTargetRef).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'gateway-service',
    });
    const stored = await kubectl(['get', 'services,deployments', '-n', servicesNamespace, '-o', 'name'], '');
    expect(stored.stdout.trim()).toBe('');
  });

  it('refuse a field the schema does not know (the check is real)', async () => {
    const deployment = files.services.find((object) => object.kind === 'Deployment')!;
    await expect(dryRun([{ ...deployment, spec: { ...deployment.spec, replicaz: 3 } }])).rejects.toThrow(
      /replicaz/,
    );
  });
});
