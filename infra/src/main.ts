import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** edge-auth's keys from the file -c urr:edgeAuthKeysFile names (never the keys themselves on a command line). */
function edgeAuthKeys() {
  const file = context('edgeAuthKeysFile');
  if (!file) {
    console.log('[infra] note: no urr:edgeAuthKeysFile, so edge-auth is bundled without keys (fails closed)');
    return {};
  }
  return { edgeAuthKeys: JSON.parse(readFileSync(resolve(file), 'utf8')) };
}

/** The frontend's .next/static: the folder -c urr:frontendStaticDir names, else the workspace's own build. */
function frontendStaticDir() {
  const named = context('frontendStaticDir');
  if (named) {
    if (!existsSync(resolve(named))) throw new Error(`urr:frontendStaticDir ${named} does not exist`);
    return { frontendStaticDir: resolve(named) };
  }
  const built = resolve(repositoryRoot, 'frontend/.next/static');
  if (existsSync(built)) return { frontendStaticDir: built };
  console.log(
    '[infra] note: no frontend build (frontend/.next/static), so /_next/static/* is not uploaded; ' +
      'npm run build -w @urr/frontend first, or pass -c urr:frontendStaticDir=…',
  );
  return {};
}

// Account-specific values come from context (-c urr:account=… or cdk.context.json), never from code.
const stacks = defineUrrInfra(app, {
  hostedZoneId: context('hostedZoneId') ?? 'Z00000000URRPLACEHOLDER',
  ...optional('account', 'account'),
  ...optional('region', 'region'),
  ...optional('domainName', 'domainName'),
  ...optional('albOriginDomainName', 'albOriginDomainName'),
  ...optional('cloudFrontPrefixListId', 'cloudFrontPrefixListId'),
  ...optional('alarmEmail', 'alarmEmail'),
  ...optional('githubRepository', 'githubRepository'),
  // Comma-separated role or user ARNs that get cluster-admin on EKS.
  ...(context('clusterAdminArns') ? { clusterAdminArns: context('clusterAdminArns')!.split(',') } : {}),
  ...optional('githubOidcProviderArn', 'githubOidcProviderArn'),
  ...edgeAuthKeys(),
  ...frontendStaticDir(),
});
if (!stacks.ci)
  console.log(
    '[infra] note: no urr:githubRepository, so UrrCi (the roles CI assumes by OIDC) is not defined',
  );
for (const stack of Object.values(stacks))
  console.log(`[infra] defined ${stack.stackName} (${stack.region})`);
const assembly = app.synth();
console.log(
  `[infra] wrote ${assembly.stacks.length} stacks to ${assembly.directory} in ${Math.round(performance.now() - started)} ms`,
);
