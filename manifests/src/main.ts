import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { defineUrrCharts } from './charts.js';
import { findingLine, synthWhenSchemasHold } from './crd-schemas-gate.js';
import { settingsFromEnv } from './settings.js';

const started = performance.now();
const outdir = process.env.CDK8S_OUTDIR ?? fileURLToPath(new URL('../dist', import.meta.url));
const settings = settingsFromEnv();
console.log(`[manifests] image tag ${settings.imageTag}, registry ${settings.imageRegistry}`);
const app = new App({ outdir });
defineUrrCharts(app, settings);
const findings = synthWhenSchemasHold(app);
if (findings.length > 0) {
  for (const finding of findings) console.error(`[manifests] ${findingLine(finding)}`);
  console.error(
    `[manifests] ${findings.length} finding(s) against the controllers' CRD schemas; nothing written. ` +
      'Fix the fields in manifests/src; if a controller version changed, update ' +
      'manifests/src/crd-schemas-sources.ts and run npm run crd-schemas:vendor -w @urr/manifests (ADR 0022).',
  );
  process.exit(1);
}
for (const chart of app.charts) console.log(`[manifests] ${chart.node.id}: ${chart.toJson().length} objects`);
console.log(`[manifests] wrote ${outdir} in ${Math.round(performance.now() - started)} ms`);
