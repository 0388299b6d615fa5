import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { defineUrrInfra } from './urr-infra.js';

const started = performance.now();
const app = new App({
  outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('../cdk.out', import.meta.url)),
});
const context = (key: string): string | undefined => {
  const value = app.node.tryGetContext(`urr:${key}`);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const optional = <T extends string>(key: string, name: T) => {
  const value = context(key);
  return value ? ({ [name]: value } as Record<T, string>) : {};
};

// Account-specific values come from context (-c urr:account=… or cdk.context.json), never from code.
const stacks = defineUrrInfra(app, {
  hostedZoneId: context('hostedZoneId') ?? 'Z00000000URRPLACEHOLDER',
  ...optional('account', 'account'),
  ...optional('region', 'region'),
  ...optional('domainName', 'domainName'),
  ...optional('albOriginDomainName', 'albOriginDomainName'),
  ...optional('cloudFrontPrefixListId', 'cloudFrontPrefixListId'),
  ...optional('alarmEmail', 'alarmEmail'),
});
for (const stack of Object.values(stacks))
  console.log(`[infra] defined ${stack.stackName} (${stack.region})`);
const assembly = app.synth();
console.log(
  `[infra] wrote ${assembly.stacks.length} stacks to ${assembly.directory} in ${Math.round(performance.now() - started)} ms`,
);
