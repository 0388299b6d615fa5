import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kubeconfig, kubectl, signInAsDemoAdmin } from './demo-stack';
import { journey, openFanPage, register, scriptErrors, step, successCard } from './fan';
import { launchBrowser, requireStack, screenshot } from './stack';

/**
 * The waiting list through the whole stack: a one-seat sale sells out (the operator says SoldOut and opens
 * the list), a second fan joins the list on the event page, the buyer cancels, and the seat is offered to
 * the fan in line, who pays for it through the usual payment page (docs/adr/0042). Not run by the unit
 * tests: it needs the whole stack (`npm start`) and the local node's operator.
 */

const stamp = `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
const hour = 3_600_000;

let browser: Browser | undefined;
const appliedTicketEvents: string[] = [];

afterAll(async () => {
  for (const name of appliedTicketEvents)
    try {
      kubectl(['delete', 'ticketevent', name, '--wait=false']);
    } catch (error) {
      console.warn(`[e2e] could not delete TicketEvent ${name}: ${(error as Error).message}`);
    }
  await browser?.close();
});

/** As an organiser: a seated sale of one seat (grade R), on sale now, and its TicketEvent applied. */
async function oneSeatSale(page: Page): Promise<string> {
  await signInAsDemoAdmin(page);
  const api = page.context().request;
  const created = async (path: string, data: unknown, method: 'post' | 'put' = 'post') => {
    const response = await api[method](path, { data });
    expect(response.ok(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as { id: string };
  };
  const artist = await created('/api/v1/admin/artists', { name: `E2E 대기 아티스트 ${stamp}` });
  const venue = await created('/api/v1/admin/venues', { name: `E2E 대기 홀 ${stamp}`, city: 'Seoul' });
  const now = Date.now();
  const event = await created('/api/v1/admin/events', {
    title: `E2E 취소표 대기 ${stamp}`,
    category: 'concert',
    kind: 'seated',
    status: 'on-sale',
    artistId: artist.id,
    venueId: venue.id,
    presaleOpensAt: null,
    salesOpenAt: new Date(now - hour).toISOString(),
    salesCloseAt: new Date(now + 24 * hour).toISOString(),
    maxTicketsPerReservation: 4,
    performances: [{ startsAt: new Date(now + 48 * hour).toISOString() }],
  });
  await created(
    `/api/v1/admin/events/${event.id}/seat-map`,
    {
      grades: [{ name: 'R', price: 10_000 }],
      sections: [{ name: 'A', rows: [{ label: '1', seats: 1, grade: 'R' }] }],
    },
    'put',
  );
  // The sale's TicketEvent, applied as the organiser applies what the event's admin page shows.
  await page.goto(`/admin/events/${event.id}`);
  const command = (await page.getByTestId('ticket-event-yaml').textContent({ timeout: 15_000 })) ?? '';
  expect(command).toContain(`eventId: "${event.id}"`);
  appliedTicketEvents.push(`sale-${event.id}`);
  execFileSync('bash', ['-c', command], { env: { ...process.env, KUBECONFIG: kubeconfig }, timeout: 30_000 });
  await waitForPhase(event.id, 'OnSale');
  return event.id;
}

async function waitForPhase(eventId: string, phase: string) {
  await expect
    .poll(() => kubectl(['get', 'ticketevent', `sale-${eventId}`, '-o', 'jsonpath={.status.phase}']), {
      timeout: 90_000,
      interval: 1_000,
    })
    .toBe(phase);
}

/** Fills in the success card on the payment page and pays; ends on the confirmation. */
async function pay(page: Page) {
  await page.getByTestId('pay-button').waitFor({ timeout: 30_000 });
  await page.getByLabel('카드 번호').fill(successCard);
  await page.getByLabel('CVC').fill('123');
  await page.getByTestId('pay-button').click();
  await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 60_000 });
}

describe('the waiting list of a sold-out sale', () => {
  it('a fan joins the list on the event page, is offered the seat a buyer gives back, and pays for it', async () => {
    await requireStack();
    browser = await launchBrowser();
    const organiser = await openFanPage(browser);
    const buyer = await openFanPage(browser);
    const fan = await openFanPage(browser);

    await journey(fan.page, 'waiting-list', async () => {
      const eventId = await step('organiser opens a one-seat sale', () => oneSeatSale(organiser.page));

      const bookingId = await step('a buyer takes the one seat', async () => {
        await register(buyer.page, 'E2E 예매자');
        await buyer.page.goto(`/events/${eventId}`);
        await buyer.page.getByTestId('book-button').click();
        await buyer.page.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
        await buyer.page.locator('button.seat[data-state="available"]').first().click({ timeout: 30_000 });
        await buyer.page.getByRole('button', { name: '좌석 선택 완료' }).click();
        await buyer.page.waitForURL(/\/reservations\/[0-9a-f-]+\/payment$/, { timeout: 30_000 });
        const reservationId = new URL(buyer.page.url()).pathname.split('/')[2]!;
        await pay(buyer.page);
        return reservationId;
      });

      await step('the operator says SoldOut, which opens the waiting list', () =>
        waitForPhase(eventId, 'SoldOut'),
      );

      await step('a fan joins the waiting list on the event page', async () => {
        await register(fan.page, 'E2E 대기 팬');
        await fan.page.goto(`/events/${eventId}`);
        const list = fan.page.getByTestId('waiting-list');
        await list.waitFor({ timeout: 15_000 });
        await expect(list.getByRole('checkbox', { name: /^R/ }).isChecked({ timeout: 15_000 })).resolves.toBe(
          true,
        );
        await list.getByRole('button', { name: '대기 명단에 오르기' }).click();
        const places = fan.page.getByTestId('waiting-list-places');
        await places.waitFor({ timeout: 15_000 });
        await expect(places.textContent()).resolves.toContain('R: 1번째');
        await screenshot(fan.page, 'waiting-list-joined');
      });

      await step('the buyer cancels: the seat comes back', async () => {
        await buyer.page.goto('/my/reservations');
        buyer.page.once('dialog', (dialog) => void dialog.accept());
        await buyer.page
          .locator(`[data-reservation-id="${bookingId}"]`)
          .getByRole('button', { name: '예매 취소' })
          .click();
        await expect
          .poll(
            () =>
              buyer.page
                .locator(`[data-reservation-id="${bookingId}"]`)
                .getByTestId('reservation-status')
                .textContent(),
            { timeout: 30_000 },
          )
          .not.toBe('예매 완료');
      });

      await step('the seat is offered to the fan in line', async () => {
        await fan.page.goto('/my/waiting-list');
        // The page looks again every few seconds; the waiting-list job offers within a second of the release.
        await fan.page.getByTestId('waiting-list-offer').waitFor({ timeout: 60_000 });
        await expect(fan.page.getByTestId('waiting-list-status').first().textContent()).resolves.toBe(
          '좌석 확보 · 결제 대기',
        );
        await screenshot(fan.page, 'waiting-list-offer');
      });

      // Paying is a booking write, which takes a live Tier-2 pass (ADR 0009). A held seat is not a sold one,
      // so the sale is OnSale again and the fan passes both lines as any buyer (ADR 0042 names this).
      await step('the fan takes a pass through both lines', async () => {
        await waitForPhase(eventId, 'OnSale');
        await fan.page.goto(`/events/${eventId}`);
        await fan.page.getByTestId('book-button').click();
        await fan.page.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
      });

      await step('the fan pays for the offer', async () => {
        await fan.page.goto('/my/waiting-list');
        const offer = fan.page.getByTestId('waiting-list-offer');
        await offer.waitFor({ timeout: 15_000 });
        await offer.getByRole('link', { name: '결제하기' }).click();
        await fan.page.waitForURL(/\/reservations\/[0-9a-f-]+\/payment$/, { timeout: 30_000 });
        await pay(fan.page);
      });

      await step('my waiting list says it is paid', async () => {
        await fan.page.goto('/my/waiting-list');
        await expect
          .poll(() => fan.page.getByTestId('waiting-list-status').first().textContent(), { timeout: 30_000 })
          .toBe('결제 완료');
      });

      expect(scriptErrors(fan.consoleErrors)).toEqual([]);
    });
  });
});
