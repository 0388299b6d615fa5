import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { defineUrrCharts } from './charts.js';
import { crdSchemaFindings } from './crd-schemas.js';
import { settingsFromEnv } from './settings.js';

const started = performance.now();
const outdir = process.env.CDK8S_OUTDIR ?? fileURLToPath(new URL('../dist', import.meta.url));
const settings = settingsFromEnv();
console.log(`[manifests] image tag ${settings.imageTag}, registry ${settings.imageRegistry}`);
const app = new App({ outdir });
const charts = defineUrrCharts(app, settings);
const findings = crdSchemaFindings(Object.values(charts).flatMap((chart) => chart.toJson()));
if (findings.length > 0) {
  for (const finding of findings)
    console.error(
      `[manifests] ${finding.kind} ${finding.name} ${finding.path || '(object)'}: ${finding.message}`,
    );
  console.error(
    `[manifests] ${findings.length} object field(s) break their CRD's schema; nothing written. Fix them in manifests/src.`,
  );
  process.exit(1);
}
for (const chart of Object.values(charts))
  console.log(`[manifests] ${chart.node.id}: ${chart.toJson().length} objects`);
app.synth();
console.log(`[manifests] wrote ${outdir} in ${Math.round(performance.now() - started)} ms`);
