/**
 * `npm run screenshots -w @urr/frontend`: screenshots of the main pages for frontend/README.md, taken from
 * the running stack (`npm start`) through the local edge by Debian's Chromium. Signs in as the demo admin
 * (scripts/seed-demo.sh), walks a booking up to the payment page (the hold it makes expires by itself),
 * and writes PNGs to frontend/docs/screenshots/. Prints each file as it goes.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { signInAsDemoAdmin } from './e2e/demo-stack';
import { edgeUrl, launchBrowser, requireStack } from './e2e/stack';

const outDir = fileURLToPath(new URL('./docs/screenshots/', import.meta.url));
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };
const log = (line: string) => console.log(`[screenshots] ${line}`);

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(800);
  const path = `${outDir}${name}.png`;
  await page.screenshot({ path, fullPage });
  log(`${name}.png (${page.url().replace(edgeUrl, '')})`);
}

async function openDemoEvent(page: Page): Promise<string> {
  await page.goto(`/?q=${encodeURIComponent(demoEventTitle)}`);
  await page.getByTestId('event-card').filter({ hasText: demoEventTitle }).first().click();
  await page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function main(): Promise<void> {
  await requireStack();
  await mkdir(outDir, { recursive: true });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const newPage = async (viewport: typeof desktop) => {
    const context = await browser.newContext({ baseURL: edgeUrl, locale: 'ko-KR', viewport });
    contexts.push(context);
    return context.newPage();
  };
  try {
    const visitor = await newPage(desktop);
    await visitor.goto('/');
    await visitor.getByTestId('event-card').first().waitFor({ timeout: 15_000 });
    await shoot(visitor, 'events');
    await openDemoEvent(visitor);
    await shoot(visitor, 'event');
    await visitor.goto('/login');
    await shoot(visitor, 'login');

    const fan = await newPage(desktop);
    await signInAsDemoAdmin(fan);
    const eventId = await openDemoEvent(fan);
    await fan.getByTestId('book-button').click();
    await fan.getByTestId('vwr-modal').waitFor({ timeout: 15_000 });
    await shoot(fan, 'waiting-room');
    log('waiting for the turn through both waiting rooms (up to 3 minutes)');
    await fan.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
    await fan.getByTestId('seat-map').waitFor({ timeout: 30_000 });
    await shoot(fan, 'seat-map');
    await fan.locator('button.seat[data-state="available"]').first().click();
    await fan.getByRole('button', { name: '좌석 선택 완료' }).click();
    await fan.waitForURL(/\/payment$/, { timeout: 30_000 });
    await fan.getByTestId('pay-button').waitFor({ timeout: 30_000 });
    await shoot(fan, 'payment');
    await fan.goto('/my/reservations');
    await fan.waitForTimeout(1_500);
    await shoot(fan, 'my-reservations');
    await fan.goto('/admin');
    await fan.locator('table').first().waitFor({ timeout: 15_000 });
    await shoot(fan, 'admin');

    const onPhone = await newPage(phone);
    await onPhone.goto('/');
    await onPhone.getByTestId('event-card').first().waitFor({ timeout: 15_000 });
    await shoot(onPhone, 'phone-events');
    await openDemoEvent(onPhone);
    await shoot(onPhone, 'phone-event');
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser.close();
  }
  log(`done: ${outDir}`);
}

main().catch((error: Error) => {
  console.error(`[screenshots] ${error.message}`);
  process.exitCode = 1;
});
