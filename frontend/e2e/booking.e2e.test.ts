import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoEventTitle, journey, openFanPage, register, scriptErrors, step, successCard } from './fan';
import { launchBrowser, requireStack, screenshot } from './stack';

let browser: Browser | undefined;
/** The fan of the first test, still signed in, and the booking they paid for. */
let fan: { context: BrowserContext; page: Page; reservationId?: string } | undefined;

afterAll(async () => {
  await browser?.close();
});

describe('a fan books a seat through the whole stack', () => {
  it('registers, waits in both lines, picks a seat, pays and finds the booking in my reservations', async () => {
    // In the test itself, so a stack that is down shows as this test failing (with how to start it).
    await requireStack();
    browser = await launchBrowser();
    const { context, page, consoleErrors } = await openFanPage(browser!);
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
    const friend = await openFanPage(browser!);
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
