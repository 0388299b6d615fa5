import type { App } from 'cdk8s';
import { crdSchemaFindings, type SchemaFinding } from './crd-schemas.js';

/**
 * Writes the app's charts only when every object of the add-ons' kinds in them validates against its
 * CRD schema; otherwise writes nothing and returns the findings.
 */
export function synthWhenSchemasHold(app: App): readonly SchemaFinding[] {
  const findings = crdSchemaFindings(app.charts.flatMap((chart) => chart.toJson()));
  if (findings.length === 0) app.synth();
  return findings;
}

/** One finding as one line: `Rollout gateway-service spec.strategy.blueGreen.x: message`. */
export const findingLine = ({ kind, name, path, message }: SchemaFinding) =>
  `${kind} ${name} ${path || '(object)'}: ${message}`;
