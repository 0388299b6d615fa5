import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackSettings } from '../stack-env.js';
import { eventually, isPodReady, smokePodTemplate } from './cluster-testing.js';

const run = promisify(execFile);
const nodeDir = import.meta.dirname;
const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? '';
const page = 'urr cluster smoke';
const namespace = `cluster-smoke-${process.pid}`;
const app = 'smoke-web';
const clusterScript = join(nodeDir, '..', 'cluster.sh');
const pidDir = join(process.env.URR_STATE_DIR ?? '/tmp/urr-stack', 'pids');
const nodeDaemons = [
  'containerd',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'apiserver-forward',
];

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const apps = kubeConfig.makeApiClient(AppsV1Api);
const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);

/** Runs a shell command in the pod (kubectl exec, so through the API server and the kubelet). */
async function inPod(pod: string, script: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      'kubectl',
      ['exec', '-n', namespace, pod, '--', '/bin/busybox', 'sh', '-c', script],
      { timeout: 30_000 },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '' };
  }
}

/** An HTTP GET over a plain TCP connection from inside the pod (busybox's nc). */
const httpGetFromPod = (pod: string, host: string, port: number) =>
  inPod(pod, `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 3 ${host} ${port}`);

describe('the local Kubernetes node', () => {
  let image: string;
  let podName: string;
  let clusterIp: string;

  beforeAll(async () => {
    image = (await run('bash', [join(nodeDir, 'smoke-image.sh'), page])).stdout.trim();
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    // The ServiceAccount controller makes the namespace's default account; pods wait for it.
    await eventually('default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }),
    );
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: app },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app } },
          template: smokePodTemplate(image, { app }),
        },
      },
    });
    const service = await core.createNamespacedService({
      namespace,
      body: {
        metadata: { name: app },
        spec: { selector: { app }, ports: [{ port: 80, targetPort: 'http' }] },
      },
    });
    clusterIp = service.spec?.clusterIP ?? '';
  });

  afterAll(async () => {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('runs a Deployment of a locally built image: the pod is scheduled, started and Ready as a non-root user', async () => {
    const pod = await eventually('a Ready pod', async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
      const ready = pods.items.find(isPodReady);
      if (!ready) throw new Error(`pods: ${pods.items.map((p) => p.status?.phase).join(', ') || 'none yet'}`);
      return ready;
    });
    podName = pod.metadata?.name ?? '';
    expect(pod.spec?.nodeName).toBe('urr-node');
    expect(pod.status?.podIP).toMatch(/^10\.244\.0\./);
    const id = await inPod(podName, '/bin/busybox id -u');
    expect(id).toEqual({ code: 0, stdout: '65532\n' });
  });

  it('reaches the pod through its Service: by ClusterIP from the node, by DNS name from a pod', async () => {
    const fromNode = await eventually('the Service from the node', async () => {
      const response = await fetch(`http://${clusterIp}/`, { signal: AbortSignal.timeout(3_000) });
      return response.text();
    });
    expect(fromNode.trim()).toBe(page);

    const lookup = await inPod(podName, `/bin/busybox nslookup ${app}.${namespace}.svc.cluster.local`);
    expect(lookup.code).toBe(0);
    expect(lookup.stdout).toContain(`Address: ${clusterIp}`);
    const fromPod = await httpGetFromPod(podName, clusterIp, 80);
    expect(fromPod.stdout).toContain('200 OK');
    expect(fromPod.stdout.trim().endsWith(page)).toBe(true);
  });

  it("serves the pod's CPU and memory from metrics.k8s.io (metrics-server through the aggregation layer)", async () => {
    const metrics = await eventually(
      'pod metrics',
      async () =>
        (await customObjects.getNamespacedCustomObject({
          group: 'metrics.k8s.io',
          version: 'v1beta1',
          namespace,
          plural: 'pods',
          name: podName,
        })) as { containers: { name: string; usage: { cpu: string; memory: string } }[] },
    );
    const web = metrics.containers.find((c) => c.name === 'web');
    expect(web?.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
    expect(web?.usage.memory).toMatch(/^\d+(Ki|Mi)?$/);
    expect(Number.parseInt(web?.usage.memory ?? '0', 10)).toBeGreaterThan(0);
  });

  it('refuses an anonymous request to the kubelet API', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: nodeIp,
          port: Number(settings.URR_KUBELET_PORT),
          path: '/pods',
          rejectUnauthorized: false,
          timeout: 5_000,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });

  it('comes up again without restarting anything (a second npm run cluster)', async () => {
    const pids = () => Promise.all(nodeDaemons.map((name) => readFile(join(pidDir, `${name}.pid`), 'utf8')));
    const before = await pids();
    const { stderr } = await run('bash', [clusterScript, 'up'], { timeout: 60_000 });
    expect(stderr).not.toMatch(/starting|stopping/);
    expect(await pids()).toEqual(before);
  });

  it('brings back a daemon that was killed, and Services work again through it', async () => {
    const pidFile = join(pidDir, 'kube-proxy.pid');
    const killed = Number(await readFile(pidFile, 'utf8'));
    process.kill(killed, 'SIGKILL');
    const { stderr } = await run('bash', [clusterScript, 'up'], { timeout: 60_000 });
    expect(stderr).toContain('starting kube-proxy');
    const restarted = Number(await readFile(pidFile, 'utf8'));
    expect(restarted).not.toBe(killed);
    process.kill(restarted, 0);
    // A connection refused or timed out while the new kube-proxy syncs is tried again; a wrong page is not.
    const page2 = await eventually('the Service after the restart', async () => {
      const response = await fetch(`http://${clusterIp}/`, { signal: AbortSignal.timeout(3_000) });
      return response.text();
    });
    expect(page2.trim()).toBe(page);
  });

  describe('a pod on the node', () => {
    const sockets = new Set<Socket>();
    let server: Server;
    let port = 0;

    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.end('HTTP/1.0 200 OK\r\n\r\nnode port\n');
      });
      await new Promise<void>((resolve) => server.listen(0, nodeIp, resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('opens the node ports it needs (the API server) but no other listener on the node', async () => {
      const fromNode = await fetch(`http://${nodeIp}:${port}/`).then((r) => r.text());
      expect(fromNode).toBe('node port\n');

      const apiServer = await inPod(
        podName,
        `/bin/busybox nc -w 3 ${nodeIp} ${settings.URR_KUBE_PORT} </dev/null`,
      );
      expect(apiServer.code).toBe(0);
      const other = await httpGetFromPod(podName, nodeIp, port);
      expect(other.stdout).not.toContain('node port');
      expect(other.code).not.toBe(0);
    });
  });
});
