import { describe, expect, it } from 'vitest';
import { inClusterConfig, KubeConfigError, loadKubeConfig, parseKubeconfig } from './kube-config.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The local stack's kubeconfig, in shape: embedded CA, client certificate and key. */
const localStack = `
apiVersion: v1
kind: Config
clusters:
- name: other
  cluster:
    server: https://10.0.0.1:6443
- name: urr-local
  cluster:
    server: https://127.0.0.1:16443/
    certificate-authority-data: ${b64('CA PEM')}
users:
- name: urr-user
  user:
    client-certificate-data: ${b64('CERT PEM')}
    client-key-data: ${b64('KEY PEM')}
contexts:
- name: urr-local
  context:
    cluster: urr-local
    user: urr-user
    namespace: sales
current-context: urr-local
`;

const noFiles = (path: string): Buffer => {
  throw new Error(`read ${path}`);
};

describe('a kubeconfig file', () => {
  it('gives the current context: server, CA, client certificate and key, namespace', () => {
    const config = parseKubeconfig(localStack, { baseDir: '/home/x/.kube', readFile: noFiles });
    expect(config.server).toBe('https://127.0.0.1:16443');
    expect(config.ca?.toString()).toBe('CA PEM');
    expect(config.clientCert?.toString()).toBe('CERT PEM');
    expect(config.clientKey?.toString()).toBe('KEY PEM');
    expect(config.token).toBeUndefined();
    expect(config.namespace).toBe('sales');
  });

  it('reads certificate files relative to the kubeconfig, and a token, a server name and skip-verify', () => {
    const files: Record<string, string> = { '/home/x/.kube/ca.crt': 'CA FILE', '/etc/key.pem': 'KEY FILE' };
    const text = `
clusters: [{ name: c, cluster: { server: 'https://api.example:443', certificate-authority: ca.crt,
  tls-server-name: kubernetes.default, insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: abc.def, client-key: /etc/key.pem } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;
    const config = parseKubeconfig(text, {
      baseDir: '/home/x/.kube',
      readFile: (path) => Buffer.from(files[path] ?? noFiles(path)),
    });
    expect(config.ca?.toString()).toBe('CA FILE');
    expect(config.clientKey?.toString()).toBe('KEY FILE');
    expect(config.token?.()).toBe('abc.def');
    expect(config.tlsServerName).toBe('kubernetes.default');
    expect(config.insecureSkipTlsVerify).toBe(true);
    expect(config.namespace).toBe('default');
  });

  it('reads a tokenFile when asked for the token, not before', () => {
    let reads = 0;
    const config = parseKubeconfig(
      `
clusters: [{ name: c, cluster: { server: 'https://api:6443' } }]
users: [{ name: u, user: { tokenFile: token } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
      {
        baseDir: '/run/secrets',
        readFile: (path) => {
          reads++;
          expect(path).toBe('/run/secrets/token');
          return Buffer.from('from-file\n');
        },
      },
    );
    expect(reads).toBe(0);
    expect(config.token?.()).toBe('from-file');
  });

  it('names what is missing or unsupported', () => {
    const parse = (text: string) => () => parseKubeconfig(text, { baseDir: '/', readFile: noFiles });
    expect(parse('clusters: []')).toThrow(/no current-context/);
    expect(parse('current-context: x')).toThrow(/no context x/);
    expect(parse('current-context: x\ncontexts: [{ name: x, context: { cluster: c } }]')).toThrow(
      /no cluster c/,
    );
    expect(
      parse(`
clusters: [{ name: c, cluster: { server: 'https://api:6443' } }]
users: [{ name: u, user: { exec: { command: aws } } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`),
    ).toThrow(KubeConfigError);
  });
});

describe('the in-cluster configuration', () => {
  const mounted: Record<string, string> = {
    '/sa/ca.crt': 'CLUSTER CA',
    '/sa/token': 'sa-token',
    '/sa/namespace': 'urr-system\n',
  };
  const readFile = (path: string) => Buffer.from(mounted[path] ?? noFiles(path));

  it('takes the apiserver from KUBERNETES_SERVICE_HOST/PORT and the mounted CA, token and namespace', () => {
    const config = inClusterConfig(
      { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
      '/sa',
      readFile,
    );
    expect(config.server).toBe('https://10.96.0.1:443');
    expect(config.ca?.toString()).toBe('CLUSTER CA');
    expect(config.token?.()).toBe('sa-token');
    expect(config.namespace).toBe('urr-system');
  });

  it('brackets an IPv6 service host, and refuses to guess outside a cluster', () => {
    const env = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };
    expect(inClusterConfig(env, '/sa', readFile).server).toBe('https://[fd00::1]:443');
    expect(() => inClusterConfig({}, '/sa', readFile)).toThrow(/not in a cluster/);
  });
});

describe('where the configuration is found', () => {
  it('without a kubeconfig file, in a pod, is the in-cluster one (and says so outside a cluster)', () => {
    const env = { KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' };
    expect(() => loadKubeConfig(env)).toThrow(/not in a cluster/);
  });
});
