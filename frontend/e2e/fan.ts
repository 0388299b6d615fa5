import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { edgeUrl, screenshot } from './stack';

/** The seated demo sale seeded by ticket-service (services/ticket/src/seed/demo-data.ts). */
export const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';
export const successCard = '4242 4242 4242 4242';

export interface FanPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly consoleErrors: string[];
}

/** The two screens of the first trial of the web app: a desktop browser and a common phone. */
export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

/** A fresh browser profile (its own cookies) on the edge, in Korean, with its console errors kept. */
export async function openFanPage(browser: Browser, viewport = desktop): Promise<FanPage> {
  const context = await browser.newContext({ baseURL: edgeUrl, locale: 'ko-KR', viewport });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, consoleErrors };
}

/** Browser console errors other than failed requests (a refused call answers 4xx on purpose, say). */
export const scriptErrors = (consoleErrors: string[]) =>
  consoleErrors.filter((text) => !text.startsWith('Failed to load resource'));

export async function register(page: Page, name: string): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('이메일').fill(`e2e-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`);
  await page.getByLabel(/비밀번호/).fill(`pw-${randomBytes(8).toString('hex')}`);
  await page.getByLabel(/이름/).fill(name);
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

/** Time per step, printed after each journey: where a slow run spent its time. */
const steps: [string, number][] = [];
export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  steps.push([name, Math.round(performance.now() - started)]);
  return result;
}

/** Runs a test's steps; on failure keeps a screenshot and names the page and the problem it showed. */
export async function journey(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const path = await screenshot(page, `${name}-failure`).catch(() => 'no screenshot');
    const shown = await page
      .getByRole('alert')
      .allTextContents()
      .catch(() => []);
    const alerts = shown.length ? `\nthe page shows: ${shown.join(' | ')}` : '';
    throw new Error(`${(error as Error).message}\n(page ${page.url()}, screenshot ${path})${alerts}`, {
      cause: error,
    });
  } finally {
    console.log(`[e2e] ${name} steps (ms): ${steps.map(([label, ms]) => `${label} ${ms}`).join(', ')}`);
    steps.length = 0;
  }
}

/**
 * Books one random free seat of the demo sale and pays for it, through both waiting lines, as a fan does;
 * ends on the confirmation with the booking CONFIRMED.
 */
export async function bookDemoSeat(page: Page): Promise<{ eventId: string; reservationId: string }> {
  const eventId = await step('find the demo event', async () => {
    await page.goto(`/?q=${encodeURIComponent(demoEventTitle)}`);
    await page.getByTestId('event-card').filter({ hasText: demoEventTitle }).first().click();
    await page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
    return new URL(page.url()).pathname.split('/').pop()!;
  });
  await step('waiting room and queue', async () => {
    await page.getByTestId('book-button').click();
    await page.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
    await page.getByTestId('seat-map').waitFor({ timeout: 30_000 });
  });
  await step('pick a free seat', async () => {
    const free = page.locator('button.seat[data-state="available"]');
    const count = await free.count();
    if (count === 0) throw new Error('the demo sale has no free seat left');
    // A random one: runs (and other fans) must not queue up for the same seat.
    await free.nth(Math.floor(Math.random() * count)).click();
    await page.getByRole('button', { name: '좌석 선택 완료' }).click();
    await page.waitForURL(/\/reservations\/[0-9a-f-]+\/payment$/, { timeout: 30_000 });
  });
  const reservationId = new URL(page.url()).pathname.split('/')[2]!;
  await step('pay', async () => {
    await page.getByTestId('pay-button').waitFor({ timeout: 30_000 });
    await page.getByLabel('카드 번호').fill(successCard);
    await page.getByLabel('CVC').fill('123');
    await page.getByTestId('pay-button').click();
    await page.waitForURL(`**/reservations/${reservationId}`, { timeout: 60_000 });
    await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 60_000 });
  });
  return { eventId, reservationId };
}
