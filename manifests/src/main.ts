import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { defineUrrCharts } from './charts.js';
import { settingsFromEnv } from './settings.js';

const started = performance.now();
const outdir = process.env.CDK8S_OUTDIR ?? fileURLToPath(new URL('../dist', import.meta.url));
const settings = settingsFromEnv();
console.log(`[manifests] image tag ${settings.imageTag}, registry ${settings.imageRegistry}`);
const app = new App({ outdir });
const charts = defineUrrCharts(app, settings);
for (const chart of Object.values(charts))
  console.log(`[manifests] ${chart.node.id}: ${chart.toJson().length} objects`);
app.synth();
console.log(`[manifests] wrote ${outdir} in ${Math.round(performance.now() - started)} ms`);
