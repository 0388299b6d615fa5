import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The local edge: the one origin the browser talks to (lambdas/local-edge). */
export const edgeUrl = (process.env.E2E_EDGE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

const nilUuid = '00000000-0000-4000-8000-000000000000';
const startHint =
  'Start the whole stack with `npm start` (servers, services, local edge, frontend), then run this again.';

async function probe(name: string, url: string, expect: (response: Response) => Promise<boolean>) {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
  } catch (error) {
    return `${name} (${url}) did not answer: ${(error as Error).message}`;
  }
  if (await expect(response).catch(() => false)) return undefined;
  return `${name} (${url}) answered ${response.status}`;
}

/**
 * Fails (never skips) when the stack is not up, naming each part that did not answer and how to start it.
 */
export async function requireStack(): Promise<void> {
  if (!existsSync(chromiumPath))
    throw new Error(`No chromium at ${chromiumPath}: install the Debian package (apt-get install chromium).`);
  const problems = (
    await Promise.all([
      probe('the local edge', `${edgeUrl}/health`, async (r) => r.ok),
      probe(
        'the frontend behind the edge',
        `${edgeUrl}/login`,
        async (r) => r.ok && (await r.text()).includes('URR'),
      ),
      probe('gateway + catalog behind the edge', `${edgeUrl}/api/v1/events?size=1`, async (r) => r.ok),
      probe('the waiting-room API', `${edgeUrl}/vwr-api/vwr/check/e2e-probe`, async (r) => r.status === 401),
      probe(
        'auth-service behind the gateway',
        `${edgeUrl}/api/v1/auth/.well-known/jwks.json`,
        async (r) => r.ok,
      ),
      // Signed out, each service answers for itself (401 / 404), where one that is down gives a 503.
      probe(
        'queue-service behind the gateway',
        `${edgeUrl}/api/v1/queue/e2e-probe/status`,
        async (r) => r.status === 401,
      ),
      probe(
        'ticket-service behind the gateway',
        `${edgeUrl}/api/v1/events/${nilUuid}/performances`,
        async (r) => r.status === 404,
      ),
      probe(
        'payment-service behind the gateway',
        `${edgeUrl}/api/v1/payments/${nilUuid}`,
        async (r) => r.status === 401,
      ),
    ])
  ).filter((problem) => problem !== undefined);
  if (problems.length > 0)
    throw new Error(`The local stack is not up:\n  - ${problems.join('\n  - ')}\n${startHint}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = `${resultsDir}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
