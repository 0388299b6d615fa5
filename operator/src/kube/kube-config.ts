import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import yaml from 'js-yaml';
import { serviceAccountToken } from './service-account-token.js';

/** Where the apiserver is and how to prove who we are to it: all the thin client needs. */
export interface KubeConfig {
  /** e.g. https://127.0.0.1:16443 */
  readonly server: string;
  /** PEM of the CA that signed the apiserver's certificate; the system's CAs when absent. */
  readonly ca?: string | Buffer;
  readonly clientCert?: string | Buffer;
  readonly clientKey?: string | Buffer;
  /** The bearer token for each request (read anew when it is a file that rotates). */
  readonly token?: () => string;
  readonly tlsServerName?: string;
  readonly insecureSkipTlsVerify?: boolean;
  /** The context's namespace, `default` when it names none. */
  readonly namespace: string;
}

interface KubeconfigFile {
  'current-context'?: string;
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
  contexts?: { name: string; context: { cluster: string; user?: string; namespace?: string } }[];
}

export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';
}

/** Reads a `-data` field (base64) or else the file its sibling names, relative to the kubeconfig. */
function material(
  fields: Record<string, unknown>,
  key: string,
  baseDir: string,
  readFile: (path: string) => Buffer,
): Buffer | undefined {
  const data = fields[`${key}-data`];
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64');
  const path = fields[key];
  if (typeof path === 'string' && path) return readFile(isAbsolute(path) ? path : join(baseDir, path));
  return undefined;
}

const byName = <T extends { name: string }>(entries: T[] | undefined, name: string) =>
  entries?.find((entry) => entry.name === name);

/**
 * The current context of a kubeconfig file's text. Supports what our stacks use: a CA (data or file), a
 * client certificate and key (data or file), a token or token file, tls-server-name and
 * insecure-skip-tls-verify; exec and auth-provider plugins are refused by name.
 */
export function parseKubeconfig(
  text: string,
  options: { baseDir: string; readFile?: (path: string) => Buffer },
): KubeConfig {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path));
  const file = (yaml.load(text) ?? {}) as KubeconfigFile;
  const contextName = file['current-context'];
  if (!contextName) throw new KubeConfigError('the kubeconfig names no current-context');
  const context = byName(file.contexts, contextName)?.context;
  if (!context) throw new KubeConfigError(`the kubeconfig has no context ${contextName}`);
  const cluster = byName(file.clusters, context.cluster)?.cluster;
  if (!cluster) throw new KubeConfigError(`the kubeconfig has no cluster ${context.cluster}`);
  if (typeof cluster.server !== 'string' || !cluster.server)
    throw new KubeConfigError(`cluster ${context.cluster} has no server`);
  const user = (context.user ? byName(file.users, context.user)?.user : undefined) ?? {};
  for (const plugin of ['exec', 'auth-provider'])
    if (user[plugin]) throw new KubeConfigError(`user ${context.user}: ${plugin} is not supported`);

  const { baseDir } = options;
  const ca = material(cluster, 'certificate-authority', baseDir, readFile);
  const clientCert = material(user, 'client-certificate', baseDir, readFile);
  const clientKey = material(user, 'client-key', baseDir, readFile);
  const tokenFile = typeof user.tokenFile === 'string' ? user.tokenFile : undefined;
  const token =
    typeof user.token === 'string' && user.token
      ? () => user.token as string
      : tokenFile
        ? serviceAccountToken(isAbsolute(tokenFile) ? tokenFile : join(baseDir, tokenFile), { readFile })
        : undefined;
  const tlsServerName = cluster['tls-server-name'];
  return {
    server: cluster.server.replace(/\/+$/, ''),
    ...(ca ? { ca } : {}),
    ...(clientCert ? { clientCert } : {}),
    ...(clientKey ? { clientKey } : {}),
    ...(token ? { token } : {}),
    ...(typeof tlsServerName === 'string' && tlsServerName ? { tlsServerName } : {}),
    ...(cluster['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    namespace: context.namespace || 'default',
  };
}

export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Inside a pod: the apiserver from KUBERNETES_SERVICE_HOST/PORT, the mounted CA and token (re-read as it rotates). */
export function inClusterConfig(
  env: NodeJS.ProcessEnv = process.env,
  dir = serviceAccountDir,
  readFile: (path: string) => Buffer = (path) => readFileSync(path),
): KubeConfig {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port)
    throw new KubeConfigError(
      'no kubeconfig found and not in a cluster (KUBERNETES_SERVICE_HOST/PORT unset)',
    );
  let namespace = 'default';
  try {
    namespace = readFile(join(dir, 'namespace')).toString('utf8').trim() || namespace;
  } catch {
    // Without the namespace file the default namespace stands.
  }
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca: readFile(join(dir, 'ca.crt')),
    token: serviceAccountToken(join(dir, 'token'), { readFile }),
    namespace,
  };
}

/** A pod's numeric user may have no passwd entry, hence no home: then there is no ~/.kube/config either. */
function homeOfUser(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

/**
 * As kubectl finds it: the first existing file of KUBECONFIG (a path list), else ~/.kube/config, else
 * the pod's service account.
 */
export function loadKubeConfig(env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const home = env.HOME ?? homeOfUser();
  const candidates = env.KUBECONFIG
    ? env.KUBECONFIG.split(':').filter(Boolean)
    : home
      ? [join(home, '.kube', 'config')]
      : [];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path) return parseKubeconfig(readFileSync(path, 'utf8'), { baseDir: dirname(path) });
  return inClusterConfig(env);
}
