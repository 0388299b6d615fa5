/**
 * The environment of one of URR's processes as a pod on the local node, from what runs it on loopback
 * (scripts/apps.list, scripts/local.env and the generated secrets): every `127.0.0.1:<port>` becomes
 * the node's address for a server outside the node, or the in-cluster Service of the app on that port,
 * and each app's URL variable names its Service.
 */
export interface AppEntry {
  readonly name: string;
  readonly port: number | undefined;
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface PodEnvOptions {
  readonly app: AppEntry;
  readonly apps: readonly AppEntry[];
  /** local.env and the secrets, as `KEY=value` lines. */
  readonly sharedEnv: Readonly<Record<string, string>>;
  readonly nodeIp: string;
  /** loopback port of a server outside the node → the port pods reach it on at nodeIp. */
  readonly serverPorts: ReadonlyMap<number, number>;
}

/** Variables that make no sense inside a pod (the operator's in-cluster config replaces KUBECONFIG). */
const hostOnly = new Set(['KUBECONFIG']);

/** Apps whose URL variable is not named after them (`<NAME>_URL`). */
const urlVariableOf: Readonly<Record<string, string>> = { 'test-psp': 'PSP_URL' };

/**
 * On loopback each app finds the others at their default ports, so apps.list names few URLs; in the
 * cluster every app is given every other one's Service (unused variables are ignored by the services).
 */
function serviceUrls(apps: readonly AppEntry[]): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const { name, port } of apps) {
    if (port === undefined) continue;
    urls[urlVariableOf[name] ?? `${name.toUpperCase().replaceAll('-', '_')}_URL`] = `http://${name}:${port}`;
  }
  return urls;
}

export function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2];
  }
  return env;
}

export function parseAppsList(text: string): AppEntry[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name = '', port = '-', entry = '', ...assignments] = line.split(/\s+/);
      return {
        name,
        port: port === '-' ? undefined : Number(port),
        entry,
        env: parseEnvLines(assignments.join('\n')),
      };
    });
}

export function podEnv(options: PodEnvOptions): Record<string, string> {
  const { app, apps, nodeIp, serverPorts } = options;
  const appByPort = new Map(apps.filter((a) => a.port !== undefined).map((a) => [a.port, a.name]));
  const rewrite = (value: string) =>
    value.replace(/127\.0\.0\.1:(\d+)/g, (whole, port: string) => {
      const server = serverPorts.get(Number(port));
      if (server !== undefined) return `${nodeIp}:${server}`;
      const name = appByPort.get(Number(port));
      return name === undefined ? whole : `${name}:${port}`;
    });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...serviceUrls(apps), ...options.sharedEnv, ...app.env })) {
    if (!hostOnly.has(key)) env[key] = rewrite(value);
  }
  if (app.port !== undefined) env.PORT = String(app.port);
  return env;
}
