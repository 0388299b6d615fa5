import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { overflow, signInAsDemoAdmin } from './demo-stack';
import { edgeUrl, launchBrowser, requireStack, screenshot } from './stack';

/** A common phone: the layout must fit it without sideways scrolling or letter-by-letter wrapping. */
const phone = { width: 390, height: 844 };
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

/** The header's links, each no taller than one line of text (a word wrapped letter by letter is not). */
async function headerLinkHeights(page: Page): Promise<number[]> {
  return page.$$eval('.site-header a, .site-header button', (items) =>
    items.map((item) => item.getBoundingClientRect().height),
  );
}

describe('the web app on a phone (390×844)', () => {
  it('fits the screen on the event list, an event page, sign-in and the admin dashboard', async () => {
    await requireStack();
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: edgeUrl, locale: 'ko-KR', viewport: phone });
    const page = await context.newPage();
    // Signed out, no page asks the API who is signed in only to hear 401 (the console would show each).
    const unauthorized: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });

    await page.goto('/');
    await page.getByTestId('event-card').first().waitFor({ timeout: 15_000 });
    expect(await overflow(page), 'the event list is wider than the phone').toBeLessThanOrEqual(0);
    for (const height of await headerLinkHeights(page)) expect(height).toBeLessThan(48);
    // Korean breaks between words, never inside one.
    await expect(page.evaluate(() => getComputedStyle(document.body).wordBreak)).resolves.toBe('keep-all');
    await screenshot(page, 'phone-events');

    await page.goto(`/?q=${encodeURIComponent(demoEventTitle)}`);
    await page.getByTestId('event-card').filter({ hasText: demoEventTitle }).first().click();
    await page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
    expect(await overflow(page), 'the event page is wider than the phone').toBeLessThanOrEqual(0);
    // Both waiting screens carry one title and name the event (the queue page is rendered on the server).
    const eventId = new URL(page.url()).pathname.split('/').pop()!;
    const queuePage = await (await page.request.get(`/queue/${eventId}`)).text();
    expect(queuePage).toContain('예매 대기 중');
    expect(queuePage).toContain(demoEventTitle);
    await screenshot(page, 'phone-event');

    await page.goto('/login');
    expect(await overflow(page), 'the sign-in page is wider than the phone').toBeLessThanOrEqual(0);
    await page.waitForTimeout(1_000);
    expect(unauthorized, 'calls answered 401 on signed-out pages').toEqual([]);

    await signInAsDemoAdmin(page);
    await page.goto('/admin');
    await page.locator('table.table').first().waitFor({ timeout: 15_000 });
    expect(await overflow(page), 'the admin dashboard is wider than the phone').toBeLessThanOrEqual(0);
    for (const height of await headerLinkHeights(page)) expect(height).toBeLessThan(48);
    await screenshot(page, 'phone-admin');
    await context.close();
  });
});
