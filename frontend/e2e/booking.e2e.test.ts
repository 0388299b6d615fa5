import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeUrl, launchBrowser, requireStack, screenshot } from './stack';

/** The seated demo sale seeded by ticket-service (services/ticket/src/seed/demo-data.ts). */
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';
const successCard = '4242 4242 4242 4242';

let browser: Browser | undefined;
/** The fan of the first test, still signed in, and the booking they paid for. */
let fan: { context: BrowserContext; page: Page; reservationId?: string } | undefined;

afterAll(async () => {
  await browser?.close();
});

/** Time per step, printed after each test: where a slow run spent its time. */
const steps: [string, number][] = [];
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  steps.push([name, Math.round(performance.now() - started)]);
  return result;
}

async function newPage(): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await browser!.newContext({
    baseURL: edgeUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, consoleErrors };
}

async function register(page: Page, name: string): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('이메일').fill(`e2e-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`);
  await page.getByLabel(/비밀번호/).fill(`pw-${randomBytes(8).toString('hex')}`);
  await page.getByLabel(/이름/).fill(name);
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

/** Runs a test's steps; on failure keeps a screenshot and names the page and the problem it showed. */
async function journey(page: Page, name: string, run: () => Promise<void>): Promise<void> {
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
    console.log(`[e2e] ${name} steps (ms): ${steps.map(([step, ms]) => `${step} ${ms}`).join(', ')}`);
    steps.length = 0;
  }
}

/** Browser console errors other than failed requests (a signed-out session check answers 401, say). */
const scriptErrors = (consoleErrors: string[]) =>
  consoleErrors.filter((text) => !text.startsWith('Failed to load resource'));

describe('a fan books a seat through the whole stack', () => {
  it('registers, waits in both lines, picks a seat, pays and finds the booking in my reservations', async () => {
    // In the test itself, so a stack that is down shows as this test failing (with how to start it).
    await requireStack();
    browser = await launchBrowser();
    const { context, page, consoleErrors } = await newPage();
    fan = { context, page };

    await journey(page, 'booking', async () => {
      await step('register', () => register(page, 'E2E 팬'));

      const eventId = await step('find the demo event', async () => {
        await page.goto(`/?q=${encodeURIComponent(demoEventTitle)}`);
        await page.getByTestId('event-card').filter({ hasText: demoEventTitle }).first().click();
        await page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
        await page.getByRole('heading', { level: 1, name: new RegExp(demoEventTitle) }).waitFor();
        return new URL(page.url()).pathname.split('/').pop()!;
      });

      await step('waiting room (Tier 1) and queue (Tier 2)', async () => {
        await page.getByTestId('book-button').click();
        // The modal and the queue page move on by themselves once the fan's turn comes.
        await page.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
        await page.getByTestId('seat-map').waitFor({ timeout: 30_000 });
      });

      const seatLabel = await step('pick a free seat', async () => {
        const free = page.locator('button.seat[data-state="available"]');
        const count = await free.count();
        expect(count).toBeGreaterThan(0);
        // A random one: runs (and other fans) must not queue up for the same seat.
        const seat = free.nth(Math.floor(Math.random() * count));
        const label = (await seat.getAttribute('aria-label')) ?? '';
        // By keyboard only: the whole map is one Tab stop, arrows move seat to seat, Space picks,
        // and the next Tab lands on the confirm button (not on the next of a thousand seats).
        await expect(page.getByTestId('seat-map').locator('button[tabindex="0"]').count()).resolves.toBe(1);
        await seat.focus();
        const chosenId = await seat.getAttribute('data-seat-id');
        const focusedSeat = () => page.evaluate(() => document.activeElement?.getAttribute('data-seat-id'));
        const [away, back] = await page.keyboard
          .press('ArrowRight')
          .then(focusedSeat)
          .then((moved) =>
            moved === chosenId
              ? (['ArrowLeft', 'ArrowRight'] as const)
              : (['ArrowRight', 'ArrowLeft'] as const),
          );
        if (away === 'ArrowLeft') await page.keyboard.press('ArrowLeft');
        await expect(focusedSeat()).resolves.not.toBe(chosenId);
        await page.keyboard.press(back);
        await expect(focusedSeat()).resolves.toBe(chosenId);
        await page.keyboard.press('Space');
        await expect(page.getByTestId('chosen-seats').locator('li').count()).resolves.toBe(1);
        await screenshot(page, 'seat-map');
        await page.keyboard.press('Tab');
        await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
          '좌석 선택 완료',
        );
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/reservations\/[0-9a-f-]+\/payment$/, { timeout: 30_000 });
        return label;
      });
      const reservationId = new URL(page.url()).pathname.split('/')[2]!;

      await step('pay with the success card', async () => {
        await page.getByTestId('pay-button').waitFor({ timeout: 30_000 });
        // What a fan checks before paying: who sells, which cards, fees, cancellation; the hold's time left.
        await expect(page.getByTestId('payment-terms').textContent()).resolves.toMatch(
          /판매처.*결제 수단.*수수료.*취소 규정/,
        );
        await expect(page.getByTestId('hold-countdown').textContent()).resolves.toMatch(/\d+:\d\d/);
        await page.getByLabel('카드 번호').fill(successCard);
        await page.getByLabel('CVC').fill('123');
        await page.getByTestId('pay-button').click();
        await page.waitForURL(`**/reservations/${reservationId}`, { timeout: 60_000 });
      });

      await step('confirmation', async () => {
        await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 60_000 });
        await expect(page.getByTestId('reservation-status').textContent()).resolves.toBe('예매 완료');
        // A number a fan can read out, not the 36-character id, and the show for the calendar.
        await expect(page.getByTestId('booking-number').textContent()).resolves.toMatch(
          /^[0-9A-F]{4}-[0-9A-F]{4}$/,
        );
        const calendar = await page.getByTestId('calendar-link').getAttribute('href', { timeout: 15_000 });
        expect(decodeURIComponent(calendar ?? '')).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
        await screenshot(page, 'booking-confirmation');
      });

      await step('my reservations', async () => {
        await page.goto('/my/reservations');
        const item = page.locator(`[data-reservation-id="${reservationId}"]`);
        await item.waitFor({ timeout: 15_000 });
        await expect(item.getByTestId('reservation-status').textContent()).resolves.toBe('예매 완료');
        // "Floor 3열 12번 VIP석 198,000원" → "Floor 3열 12번", as the reservation lists it.
        const seatName = seatLabel.slice(0, seatLabel.indexOf('번') + 1);
        expect(seatName).toMatch(/열 \d+번$/);
        await expect(item.textContent()).resolves.toContain(seatName);
        await screenshot(page, 'my-reservations');
      });

      expect(scriptErrors(consoleErrors)).toEqual([]);
      fan = { context, page, reservationId };
    });
  });

  it('hands the paid ticket to a friend, who claims it with the transfer number and code', async () => {
    const reservationId = fan?.reservationId;
    if (!fan || !reservationId)
      throw new Error('needs the paid booking of the test above, which did not finish');
    const fanPage = fan.page;
    const friend = await newPage();
    try {
      await journey(fanPage, 'transfer', async () => {
        const offer = await step('fan offers the ticket', async () => {
          await fanPage.goto('/my/reservations');
          const item = fanPage.locator(`[data-reservation-id="${reservationId}"]`);
          await item.getByRole('button', { name: '양도하기' }).click();
          const code = await item.getByTestId('claim-code').textContent({ timeout: 15_000 });
          const transferId = await item.getByTestId('transfer-id').textContent();
          return { code: code!.trim(), transferId: transferId!.trim() };
        });

        await step('friend claims it', async () => {
          await register(friend.page, 'E2E 친구');
          await friend.page.goto('/my/reservations');
          await friend.page.getByLabel('양도 번호').fill(offer.transferId);
          await friend.page.getByLabel('양도 코드').fill(offer.code);
          await friend.page.getByRole('button', { name: '받기' }).click();
          const item = friend.page.locator(`[data-reservation-id="${reservationId}"]`);
          await item.waitFor({ timeout: 15_000 });
          await expect(item.getByTestId('reservation-status').textContent()).resolves.toBe('예매 완료');
          await screenshot(friend.page, 'transfer-claimed');
        });

        await step('the fan no longer holds it', async () => {
          await fanPage.goto('/my/reservations');
          await fanPage.getByRole('heading', { name: '내 예매' }).waitFor();
          await fanPage.getByTestId('reservations-loaded').waitFor({ timeout: 15_000 });
          await expect(fanPage.locator(`[data-reservation-id="${reservationId}"]`).count()).resolves.toBe(0);
        });
        expect(scriptErrors(friend.consoleErrors)).toEqual([]);
      });
    } finally {
      await friend.context.close();
      await fan.context.close();
    }
  });
});
