import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackSettings } from '../stack-env.js';
import { eventually, isPodReady } from './cluster-testing.js';

const run = promisify(execFile);
const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? '';
const namespace = `cluster-servers-${process.pid}`;
const podName = 'probe';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);

/** Sends BYTES (printf's escapes) to the node's PORT from inside the pod; returns the first bytes back. */
async function exchangeFromPod(port: string | undefined, bytes: string, keep = 400): Promise<string> {
  const { stdout } = await run(
    'kubectl',
    [
      'exec',
      '-n',
      namespace,
      podName,
      '--',
      '/bin/busybox',
      'sh',
      '-c',
      `printf '${bytes}' | /bin/busybox nc -w 3 ${nodeIp} ${port} | /bin/busybox head -c ${keep}`,
    ],
    { timeout: 30_000, encoding: 'latin1' },
  );
  return stdout;
}

describe('pods on the node reach the servers outside it through the node address', () => {
  beforeAll(async () => {
    const image = (
      await run('bash', [join(import.meta.dirname, 'smoke-image.sh'), 'servers outside the node'])
    ).stdout.trim();
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await eventually('default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }),
    );
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: podName },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532 },
          containers: [
            {
              name: 'probe',
              image,
              imagePullPolicy: 'Never',
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 1 },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    });
    await eventually('a Ready probe pod', async () => {
      const pod = await core.readNamespacedPod({ name: podName, namespace });
      if (!isPodReady(pod)) throw new Error(`phase ${pod.status?.phase}`);
    });
  });

  afterAll(async () => {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('PostgreSQL answers its SSLRequest', async () => {
    // Int32 length 8, then the SSLRequest code 80877103; the server answers one byte, N or S.
    const answer = await exchangeFromPod(settings.URR_PG_PORT, '\\000\\000\\000\\010\\004\\322\\026\\057');
    expect(answer).toMatch(/^[NS]$/);
  });

  it('Redis answers PING', async () => {
    expect(await exchangeFromPod(settings.URR_REDIS_PORT, 'PING\\r\\n')).toBe('+PONG\r\n');
  });

  it('the DynamoDB and SQS server answers a DynamoDB ListTables', async () => {
    const body = '{}';
    const answer = await exchangeFromPod(
      settings.URR_AWS_PORT,
      [
        'POST / HTTP/1.0',
        `Host: ${nodeIp}:${settings.URR_AWS_PORT}`,
        'X-Amz-Target: DynamoDB_20120810.ListTables',
        'Content-Type: application/x-amz-json-1.0',
        'Authorization: AWS4-HMAC-SHA256 Credential=test/20261205/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        `Content-Length: ${body.length}`,
        '',
        body,
      ].join('\\r\\n'),
      4000,
    );
    expect(answer).toMatch(/^HTTP\/1\.\d 200/);
    expect(answer).toContain('"TableNames"');
  });

  it("Kafka's pods listener advertises the node's address, not loopback (a Metadata v0 request)", async () => {
    // size 15, api key 3 (Metadata), version 0, correlation id 1, client id "x", no topics (= all).
    const answer = await exchangeFromPod(
      settings.URR_KAFKA_POD_PORT,
      '\\000\\000\\000\\017\\000\\003\\000\\000\\000\\000\\000\\001\\000\\001x\\000\\000\\000\\000',
      40,
    );
    // correlation id 1, one broker: node id 1, its host, then its port.
    const brokers = answer.slice(8);
    const host = `${nodeIp}`;
    expect(brokers.slice(0, 8)).toBe('\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0001');
    expect(brokers.slice(10, 10 + host.length)).toBe(host);
    const portBytes = brokers.slice(10 + host.length, 14 + host.length);
    const advertisedPort = [...portBytes].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
    expect(advertisedPort).toBe(Number(settings.URR_KAFKA_POD_PORT));
  });
});
