import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvVar, SecretKey } from './env-var.js';
import type { ExternalEndpoint } from './external-endpoint.js';
import { ResourceBudget } from './resource-budget.js';
import { secretContract } from './secret-contract.js';

/** The services that own a database, by workload name (each reads its login from `{name}-database`). */
export const databaseOwners = [
  'auth-service',
  'catalog-service',
  'community-service',
  'payment-service',
  'stats-service',
  'ticket-service',
] as const;
export type DatabaseOwner = (typeof databaseOwners)[number];

/** The master login, through RDS Proxy (`postgres://user:password@proxy:5432/postgres?sslmode=require`). */
export const databaseAdminUrl = SecretKey.of('urr-database-admin', 'DATABASE_ADMIN_URL');

/** The environment variable holding a service's DATABASE_URL (psql reads it with \getenv). */
export const urlEnvOf = (service: DatabaseOwner) =>
  `${service.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`;

/**
 * The psql script: for each service, the login and the database named in its DATABASE_URL, created when
 * missing; the database's owner is the login, and no other role (PUBLIC included) may connect to it or make
 * temporary tables in it. A second run finds everything in place and changes nothing but re-setting each
 * login's password to the one its Secret holds (a rotated password takes effect there).
 */
export function bootstrapSql(services: readonly DatabaseOwner[]): string {
  const perService = services.map((service) => {
    const url = ":'url'";
    return `-- ${service}
\\getenv url ${urlEnvOf(service)}
SELECT substring(${url} from '^postgres(?:ql)?://([^:/@]+):') AS login,
       substring(${url} from '^postgres(?:ql)?://[^:/@]+:([^@]+)@') AS password,
       substring(${url} from '/([A-Za-z0-9_]+)(?:\\?|$)') AS database \\gset
SELECT format('CREATE ROLE %I LOGIN', :'login')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'login') \\gexec
ALTER ROLE :"login" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SELECT format('GRANT %I TO CURRENT_USER', :'login')
 WHERE NOT pg_has_role(CURRENT_USER, :'login', 'MEMBER') \\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'login')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \\gexec
ALTER DATABASE :"database" OWNER TO :"login";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"login";
`;
  });
  return ['\\set ON_ERROR_STOP on', ...perService].join('\n');
}

export interface DatabaseBootstrapJobProps {
  readonly namespace: string;
  /** A PostgreSQL client image (psql 15 or later), run as its non-root user. @default postgresClientImage */
  readonly image?: string;
  /** @default 50m/64Mi requested, 200m/128Mi at most */
  readonly resources?: ResourceBudget;
  /** @default databaseOwners */
  readonly services?: readonly DatabaseOwner[];
  /** Where RDS Proxy is: the Job's only egress besides DNS (the namespace denies all else). */
  readonly postgres: ExternalEndpoint;
}

export const postgresClientImage = 'postgres:16.4-alpine';

/** Non-root uid of the psql image's `postgres` user. */
const psqlUserId = 70;

/**
 * The database bootstrap: an Argo CD Sync hook Job of the services' Application at wave -1, so the
 * databases and logins exist before a new version's pods start (wave 0), after the ExternalSecrets (wave -2). It connects as the master login through RDS Proxy and
 * reads each service's DATABASE_URL from the same Secret its pods read.
 */
export class DatabaseBootstrapJob extends Construct {
  readonly name = 'urr-database-bootstrap';

  constructor(scope: Construct, id: string, props: DatabaseBootstrapJobProps) {
    super(scope, id);
    const services = props.services ?? databaseOwners;
    const resources = (
      props.resources ??
      ResourceBudget.of({ cpuRequest: '50m', memoryRequest: '64Mi', cpuLimit: '200m', memoryLimit: '128Mi' })
    ).toKubernetes();
    const env = [
      EnvVar.fromSecret('DATABASE_ADMIN_URL', databaseAdminUrl),
      ...services.map((service) => EnvVar.fromSecret(urlEnvOf(service), secretContract.databaseUrl(service))),
      EnvVar.value('BOOTSTRAP_SQL', bootstrapSql(services)),
    ];
    const psql = 'printf "%s\\n" "$BOOTSTRAP_SQL" | psql "$DATABASE_ADMIN_URL" --no-psqlrc --quiet -f -';
    const labels = { 'app.kubernetes.io/name': this.name, 'app.kubernetes.io/part-of': 'urr' };
    new k8s.KubeNetworkPolicy(this, 'egress', {
      metadata: { name: this.name, namespace: props.namespace, labels },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': this.name } },
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          {
            to: props.postgres.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
            ports: props.postgres.ports.map((port) => ({
              protocol: 'TCP',
              port: k8s.IntOrString.fromNumber(port),
            })),
          },
        ],
      },
    });
    new ApiObject(this, 'job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: this.name,
        namespace: props.namespace,
        labels,
        annotations: {
          // A Sync hook one wave before the Deployments and after the ExternalSecrets (wave -2) it reads:
          // a PreSync hook would run before the Secrets exist on a cluster's first sync.
          'argocd.argoproj.io/hook': 'Sync',
          'argocd.argoproj.io/sync-wave': '-1',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
          // The local node's sync (scripts/cluster-deploy) skips it with this reason.
          'urr.guru/eks-only':
            "RDS Proxy's databases and logins; the local PostgreSQL gets them from scripts/local-stack/postgres.sh",
        },
      },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 3600,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: psqlUserId,
              runAsGroup: psqlUserId,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'psql',
                image: props.image ?? postgresClientImage,
                imagePullPolicy: 'IfNotPresent',
                command: ['/bin/sh', '-ec', psql],
                env: env.map((variable) => variable.toKubernetes()),
                resources: { requests: resources.requests, limits: resources.limits },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    });
  }
}
