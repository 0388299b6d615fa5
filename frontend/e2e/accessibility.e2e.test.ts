import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoutes, demoRouteValues, fillRoute } from './app-routes';
import { signInAsDemoAdmin } from './demo-stack';
import { edgeUrl, launchBrowser, requireStack } from './stack';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

interface Finding {
  readonly route: string;
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it stands. */
async function seriousViolations(page: Page, route: string): Promise<Finding[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ route, ...violation }));
}

describe('accessibility of every page (axe-core, WCAG 2.1 A and AA)', () => {
  it('finds no serious or critical violation on any route, signed in as the demo admin', async () => {
    await requireStack();
    const { eventId, values } = await demoRouteValues(edgeUrl, demoEventTitle);

    browser = await launchBrowser();
    const context = await browser.newContext({
      baseURL: edgeUrl,
      locale: 'ko-KR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const findings: Finding[] = [];
    const walked: string[] = [];

    // Signed out first: the pages a visitor sees.
    for (const route of ['/', '/login', '/register', `/events/${eventId}`]) {
      await page.goto(route, { waitUntil: 'load' });
      findings.push(...(await seriousViolations(page, `${route} (signed out)`)));
    }

    await signInAsDemoAdmin(page);

    for (const route of await appRoutes()) {
      const path = fillRoute(route, values);
      await page.goto(path, { waitUntil: 'load' });
      // Client pages load their data after hydration: give them a moment to show it (or their problem).
      await page.waitForTimeout(1_500);
      walked.push(`${route} → ${new URL(page.url()).pathname}`);
      findings.push(...(await seriousViolations(page, route)));
    }
    await context.close();

    console.log(`[e2e] accessibility: ${walked.length} routes walked:\n  ${walked.join('\n  ')}`);
    expect(
      findings.map(
        (finding) =>
          `${finding.route}: ${finding.impact} ${finding.rule} (${finding.help}) at ${finding.targets.join(', ')}`,
      ),
    ).toEqual([]);
  });
});
