import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { signEntryToken } from '@urr/common/tokens/entry-token';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import type { CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createEdgeAuthHandler } from './edge-auth.js';
import { bundledEdgeKeys, type EdgeConfigFile } from './edge-keys.js';

const vwrSecret = randomBytes(32).toString('hex');
const entrySecret = randomBytes(32).toString('hex');
const configFile: EdgeConfigFile = {
  vwrToken: { currentKid: 'k1', keys: { k1: vwrSecret } },
  entryTokenSecret: entrySecret,
};

async function bundled(file: unknown) {
  const path = join(await mkdtemp(join(tmpdir(), 'edge-auth-')), 'edge-auth.config.json');
  await writeFile(path, JSON.stringify(file));
  return bundledEdgeKeys(pathToFileURL(path));
}

function viewerRequest(uri: string, headers: Record<string, string> = {}, method = 'GET', querystring = '') {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: 'd.example',
            distributionId: 'D',
            eventType: 'viewer-request',
            requestId: 'r',
          },
          request: {
            clientIp: '203.0.113.9',
            method,
            uri,
            querystring,
            headers: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [name, [{ key: name, value }]]),
            ),
          },
        },
      },
    ],
  } as CloudFrontRequestEvent;
}

describe('edge-auth viewer-request handler', () => {
  it('reads its keys from the bundled file and lets a holder of both passes reach a seat API', async () => {
    const handler = createEdgeAuthHandler({ loadKeys: await bundled(configFile) });
    const vwr = await signVwrToken(
      { eventId: 'e1', subject: 's', userId: 'u' },
      VwrTokenKeyring.of('k1', { k1: vwrSecret }),
    );
    const entry = await signEntryToken({ userId: 'u', eventId: 'e1', slot: '1' }, entrySecret);
    const result = await handler(
      viewerRequest(
        '/api/v1/seats/reserve',
        { 'x-event-id': 'e1', cookie: `a=b; urr-vwr-token=${vwr}; urr-entry-token=${entry}` },
        'POST',
      ),
    );
    expect(result).toMatchObject({ uri: '/api/v1/seats/reserve', method: 'POST' });
  });

  it('redirects a GET without a pass to the waiting page with the way back, and refuses a bad event id', async () => {
    const handler = createEdgeAuthHandler({ loadKeys: await bundled(configFile) });
    const redirect = (await handler(
      viewerRequest('/api/v1/community/posts', {}, 'GET', 'eventId=e1&page=2'),
    )) as CloudFrontResultResponse;
    expect(redirect.status).toBe('302');
    expect(redirect.headers?.location?.[0]?.value).toBe(
      `/vwr/e1?returnTo=${encodeURIComponent('/api/v1/community/posts?eventId=e1&page=2')}`,
    );
    const bad = (await handler(
      viewerRequest('/api/v1/seats/reserve', { 'x-event-id': '../e1' }),
    )) as CloudFrontResultResponse;
    expect(bad.status).toBe('400');
  });

  it('passes requests that name no event on, and refuses to start with a key file that is not valid', async () => {
    const handler = createEdgeAuthHandler({ loadKeys: await bundled(configFile) });
    expect(await handler(viewerRequest('/api/v1/reservations'))).toMatchObject({
      uri: '/api/v1/reservations',
    });
    const broken = createEdgeAuthHandler({
      loadKeys: await bundled({ ...configFile, entryTokenSecret: 'short' }),
    });
    await expect(broken(viewerRequest('/api/v1/seats/reserve', { 'x-event-id': 'e1' }))).rejects.toThrow();
  });
});
