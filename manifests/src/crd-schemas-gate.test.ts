import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { findingLine, synthWhenSchemasHold } from './crd-schemas-gate.js';

function appWithApplication(prune: unknown) {
  const outdir = mkdtempSync(join(tmpdir(), 'urr-manifests-'));
  const app = new App({ outdir });
  new ApiObject(new Chart(app, 'argocd'), 'application', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'urr-services', namespace: 'argocd' },
    spec: {
      project: 'urr',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'urr' },
      source: { repoURL: 'https://git.example.com/urr/urr.git', path: 'manifests/dist' },
      syncPolicy: { automated: { prune } },
    },
  });
  return { app, outdir };
}

describe('npm run synth writes only a render whose add-on objects hold to their CRD schemas', () => {
  it('writes nothing when one object breaks its schema, and says where in one line', () => {
    const { app, outdir } = appWithApplication('yes');
    const findings = synthWhenSchemasHold(app);
    expect(findings.map(findingLine)).toEqual([
      'Application urr-services spec.syncPolicy.automated.prune: must be boolean',
    ]);
    expect(readdirSync(outdir)).toEqual([]);
  });

  it('writes the charts when every object validates', () => {
    const { app, outdir } = appWithApplication(true);
    expect(synthWhenSchemasHold(app)).toEqual([]);
    expect(readdirSync(outdir)).toEqual(['argocd.k8s.yaml']);
  });
});
