import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoutes, demoRouteValues, fillRoute } from './app-routes';
import { signInAsDemoAdmin } from './demo-stack';
import { edgeUrl, launchBrowser, requireStack } from './stack';

const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

const hangul = /[\u3131-\u318e\uac00-\ud7a3]/;

/** The page's visible text outside elements marked as Korean (the language switch's "한국어"). */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[lang="ko"], script, style, template')) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  });

describe('the web app in Korean and in English', () => {
  it("follows the browser's language, then the fan's choice, and remembers it", async () => {
    await requireStack();
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: edgeUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('On sale now');

    await page.getByTestId('language-ko').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ko', undefined, { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '지금 예매할 수 있는 공연',
    );
    await page.goto('/login');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ko');
    await context.close();
  });

  it('renders every route in both languages, without a Korean word of its own in English', async () => {
    const { values } = await demoRouteValues(edgeUrl, demoEventTitle);
    const routes = await appRoutes();
    const untranslated: string[] = [];
    const contexts: BrowserContext[] = [];
    try {
      for (const locale of ['ko-KR', 'en-US'] as const) {
        const context = await browser!.newContext({ baseURL: edgeUrl, locale });
        contexts.push(context);
        const page = await context.newPage();
        await signInAsDemoAdmin(page);
        for (const route of routes) {
          const response = await page.goto(fillRoute(route, values), { waitUntil: 'load' });
          expect(response?.status(), `${route} in ${locale}`).toBeLessThan(500);
          await page.waitForTimeout(1_000);
          const lang = locale.slice(0, 2);
          await expect(page.locator('html').getAttribute('lang'), `${route} in ${locale}`).resolves.toBe(
            lang,
          );
          if (lang !== 'en') continue;
          const korean = hangul.exec(await visibleText(page));
          if (korean)
            untranslated.push(
              `${route} (${new URL(page.url()).pathname}): "${korean.input.slice(Math.max(0, korean.index - 30), korean.index + 30).trim()}"`,
            );
        }
      }
    } finally {
      for (const context of contexts) await context.close();
    }
    expect(untranslated, 'Korean words on English pages').toEqual([]);
  });
});
