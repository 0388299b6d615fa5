/**
 * The database bootstrap's SQL against the local PostgreSQL, as the Job runs it (psql, the URLs in the
 * environment): run twice, then each login uses its own database and cannot connect to another's. The
 * databases and logins carry a per-run prefix and are dropped afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Chart, Testing } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bootstrapSql,
  DatabaseBootstrapJob,
  type DatabaseOwner,
  databaseOwners,
  urlEnvOf,
} from './db-bootstrap.js';
import { ExternalEndpoint } from './external-endpoint.js';
import { ResourceBudget } from './resource-budget.js';

const port = process.env.URR_PG_PORT ?? '15432';
const adminUrl = `postgres://urr@127.0.0.1:${port}/postgres`;
const prefix = `bt${randomBytes(3).toString('hex')}`;
const services: readonly DatabaseOwner[] = ['auth-service', 'ticket-service'];
const loginOf = (service: DatabaseOwner) => `${prefix}_${service.replace(/-/g, '_')}`;
const databaseOf = (service: DatabaseOwner) => `${loginOf(service)}_db`;
const urlOf = (service: DatabaseOwner, password = 'pw') =>
  `postgres://${loginOf(service)}:${password}@127.0.0.1:${port}/${databaseOf(service)}?sslmode=disable`;

const psql = (url: string, args: string[], input?: string) =>
  execFileSync('psql', [url, '--no-psqlrc', '-At', ...args], {
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...Object.fromEntries(services.map((service) => [urlEnvOf(service), urlOf(service)])),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
const bootstrap = () => psql(adminUrl, ['--quiet', '-f', '-'], bootstrapSql(services));
const state = () =>
  psql(adminUrl, [
    '-c',
    `SELECT d.datname, pg_get_userbyid(d.datdba), d.datacl::text FROM pg_database d WHERE d.datname LIKE '${prefix}%'
     UNION ALL SELECT rolname, rolsuper::text || rolcreatedb::text || rolcreaterole::text, rolcanlogin::text
     FROM pg_roles WHERE rolname LIKE '${prefix}%' ORDER BY 1`,
  ]);

afterAll(() => {
  for (const service of services) {
    psql(adminUrl, ['-c', `DROP DATABASE IF EXISTS ${databaseOf(service)}`]);
    psql(adminUrl, ['-c', `DROP ROLE IF EXISTS ${loginOf(service)}`]);
  }
});

describe('bootstrapSql on the local PostgreSQL', () => {
  it('creates each database owned by its login, and a second run changes nothing', () => {
    bootstrap();
    const first = state();
    expect(first).toContain(`${databaseOf('auth-service')}|${loginOf('auth-service')}|`);
    expect(first).toContain(`${loginOf('ticket-service')}|falsefalsefalse|true`);
    expect(first).not.toMatch(/=Tc\/|=c\//); // PUBLIC has no CONNECT or TEMPORARY
    bootstrap();
    expect(state()).toBe(first);
  });

  it('lets a login create and write tables in its own database', () => {
    const out = psql(urlOf('ticket-service'), [
      '-c',
      'CREATE TABLE seats (id int primary key); INSERT INTO seats VALUES (1); SELECT count(*) FROM seats',
    ]);
    expect(out.trim().split('\n').at(-1)).toBe('1');
  });

  it('refuses a login another service’s database', () => {
    const otherDatabase = urlOf('auth-service').replace(
      databaseOf('auth-service'),
      databaseOf('ticket-service'),
    );
    expect(() => psql(otherDatabase, ['-c', 'INSERT INTO seats VALUES (2)'])).toThrow(
      /permission denied for database/,
    );
    expect(psql(urlOf('ticket-service'), ['-c', 'SELECT count(*) FROM seats']).trim()).toBe('1');
  });

  it('gives a login no right to create databases or roles', () => {
    expect(() => psql(urlOf('auth-service'), ['-c', 'CREATE DATABASE intruder'])).toThrow(
      /permission denied/,
    );
    expect(() => psql(urlOf('auth-service'), ['-c', 'CREATE ROLE intruder'])).toThrow(/permission denied/);
  });
});

describe('DatabaseBootstrapJob', () => {
  const chart = new Chart(Testing.app(), 'test');
  new DatabaseBootstrapJob(chart, 'bootstrap', {
    namespace: 'urr',
    image: 'postgres:16.4-alpine',
    postgres: ExternalEndpoint.of('postgres', ['10.0.20.0/24'], [5432]),
    resources: ResourceBudget.of({
      cpuRequest: '50m',
      memoryRequest: '64Mi',
      cpuLimit: '200m',
      memoryLimit: '128Mi',
    }),
  });
  const objects = Testing.synth(chart);
  const job = objects.find((object) => object.kind === 'Job');
  const policy = objects.find((object) => object.kind === 'NetworkPolicy');

  it('may reach only PostgreSQL', () => {
    expect(policy.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': job.metadata.name });
    expect(policy.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.20.0/24' } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });

  it('is an Argo CD Sync hook at wave -1 (after the ExternalSecrets, before the workloads), replaced on each sync and deleted once it succeeds; the local node skips it', () => {
    expect(job.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/sync-wave': '-1',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
      'urr.guru/eks-only': expect.stringContaining('scripts/local-stack/postgres.sh'),
    });
  });

  it('runs non-root on a read-only root filesystem with resources set', () => {
    const { spec } = job.spec.template;
    const [container] = spec.containers;
    expect(spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container.resources.limits).toEqual({ cpu: '200m', memory: '128Mi' });
  });

  it('reads the master login and each of the six services’ DATABASE_URL from their Secrets', () => {
    const [container] = job.spec.template.spec.containers;
    const fromSecrets = container.env.filter((variable: { valueFrom?: unknown }) => variable.valueFrom);
    expect(
      fromSecrets
        .map(
          (variable: { valueFrom: { secretKeyRef: { name: string } } }) =>
            variable.valueFrom.secretKeyRef.name,
        )
        .sort(),
    ).toEqual(['urr-database-admin', ...databaseOwners.map((service) => `${service}-database`)].sort());
  });
});
