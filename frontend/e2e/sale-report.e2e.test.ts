import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAsDemoAdmin } from './demo-stack';
import { bookDemoSeat, journey, openFanPage, register, scriptErrors, step } from './fan';
import { launchBrowser, requireStack, screenshot } from './stack';

/** Line, Tier 1, Tier 2, bookings, revenue, seats; wait, abandonment, fairness. */
const chartIds = [
  'line',
  'tier1',
  'tier2',
  'bookings',
  'revenue',
  'seats',
  'wait',
  'abandonment',
  'fairness',
];

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

/**
 * Opens the report until it counts a booking and an admission: stats-service consumes the sale's events
 * (and queue-service's relay publishes the line's) a moment after they happen.
 */
async function reportWithTheBooking(page: Page, reportPath: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.goto(reportPath);
    await page
      .getByTestId('sale-report-chart')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    const booked = await page
      .getByTestId('tickets-booked')
      .locator('strong')
      .textContent()
      .catch(() => null);
    const admitted = await page
      .locator('[data-chart="abandonment"] rect')
      .first()
      .getAttribute('data-value', { timeout: 1_000 })
      .catch(() => null);
    if (booked && booked.trim() !== '0' && admitted && admitted !== '0') return;
    if (Date.now() > deadline)
      throw new Error(
        `the report never showed the booking and the admission (booked ${booked}, admitted ${admitted})`,
      );
    await page.waitForTimeout(2_000);
  }
}

describe('an organiser reads the sale report', () => {
  it('after a fan booked through both lines, the report page draws every chart and exports CSV', async () => {
    await requireStack();
    browser = await launchBrowser();
    const fan = await openFanPage(browser);
    const organiser = await openFanPage(browser);

    let eventId = '';
    await journey(fan.page, 'sale-report-booking', async () => {
      await step('register', () => register(fan.page, 'E2E 리포트 팬'));
      ({ eventId } = await bookDemoSeat(fan.page));
    });

    await journey(organiser.page, 'sale-report', async () => {
      const page = organiser.page;
      const reportPath = `/admin/events/${eventId}/report`;
      await step('sign in as the demo admin', () => signInAsDemoAdmin(page));

      await step('the event page splits the sales by grade, adding up to its totals', async () => {
        await page.goto(`/admin/events/${eventId}`);
        const table = page.getByTestId('grade-sales');
        await table.waitFor();
        const numbersOf = (row: string) =>
          table
            .locator(row)
            .evaluateAll((rows) =>
              rows.map((tr) =>
                [...tr.querySelectorAll('td')]
                  .slice(0, 4)
                  .map((td) => Number(td.textContent?.replace(/\D/g, ''))),
              ),
            );
        const grades = await numbersOf('tbody tr');
        expect(grades.length).toBeGreaterThanOrEqual(2);
        // Each grade's sold, held and left seats make its total; the total row is the sum of the grades.
        for (const [sold, held, left, total] of grades) expect(sold! + held! + left!).toBe(total);
        const [footer] = await numbersOf('tfoot tr');
        expect(footer).toEqual(
          [0, 1, 2, 3].map((column) => grades.reduce((sum, row) => sum + row[column]!, 0)),
        );
        // The fan's seat was paid for above.
        expect(footer![0]).toBeGreaterThanOrEqual(1);
        // The grades come from their own query; they must add up to the event's own figures above them.
        const figure = async (label: string) =>
          Number(
            (await page.locator('.stat-card', { hasText: label }).locator('strong').textContent())?.replace(
              /\D/g,
              '',
            ),
          );
        expect([footer![0], footer![1], footer![3]]).toEqual([
          await figure('판매된 좌석·티켓'),
          await figure('결제 대기'),
          await figure('전체 좌석·티켓'),
        ]);
        await expect(page.locator('[data-chart="grade-sell-through"] svg').count()).resolves.toBe(1);
      });

      await step('the report shows the booking', () => reportWithTheBooking(page, reportPath));

      await step('every chart is drawn as SVG', async () => {
        const drawn = await page
          .getByTestId('sale-report-chart')
          .evaluateAll((figures) => figures.map((figure) => figure.getAttribute('data-chart')));
        expect(drawn).toEqual(chartIds);
        for (const id of chartIds)
          await expect(page.locator(`[data-chart="${id}"] svg`).count(), id).resolves.toBe(1);
        // The line went through Tier 2 (the fan arrived and was admitted) and the sale took money.
        await expect(
          page.locator('[data-chart="line"] path[data-series]').first().getAttribute('d'),
        ).resolves.toMatch(/^M/);
        await expect(
          page.locator('[data-chart="revenue"] path[data-series]').first().getAttribute('d'),
        ).resolves.toMatch(/^M/);
        await expect(
          page.locator('[data-chart="abandonment"] rect').first().getAttribute('data-value'),
        ).resolves.not.toBe('0');
        await screenshot(page, 'sale-report');
      });

      await step('a finer bucket redraws the charts', async () => {
        await page.getByTestId('bucket-seconds').selectOption('10');
        // A sale recorded over a long span has too many 10 s buckets; the page then steps to a wider one.
        await page.waitForFunction(() => {
          const shown = document
            .querySelector('[data-testid="sale-report"]')
            ?.getAttribute('data-bucket-seconds');
          const chosen = document.querySelector<HTMLSelectElement>('[data-testid="bucket-seconds"]')?.value;
          return shown !== undefined && shown === chosen;
        });
        await page.locator('[data-chart="line"] path[data-series]').first().waitFor();
        await expect(page.getByTestId('sale-report-chart').count()).resolves.toBe(chartIds.length);
      });

      await step('CSV exports', async () => {
        const seriesHref = await page.getByTestId('csv-series').getAttribute('href');
        const series = await page.request.get(seriesHref!);
        expect(series.status()).toBe(200);
        expect(series.headers()['content-type']).toMatch(/^text\/csv/);
        expect((await series.text()).split('\r\n')[0]).toBe(
          'bucketStart,arrivals,admissions,leftWaiting,expired,ticketsBooked,revenue,servingCounter,highestPosition,waiting,active,maxUsers,seatsLeft',
        );
        const summary = await page.request.get((await page.getByTestId('csv-summary').getAttribute('href'))!);
        expect(await summary.text()).toMatch(/\r\nadmittedOutOfOrder,\d+\r\n/);
      });

      await step('a fan may not read it', async () => {
        const refused = await fan.page.request.get(`/api/v1/admin/stats/events/${eventId}/report`);
        expect(refused.status()).toBe(403);
      });

      expect(scriptErrors(organiser.consoleErrors)).toEqual([]);
    });
    await fan.context.close();
    await organiser.context.close();
    // Both waiting lines, a payment, then stats-service catching up: longer than the suite's default.
  }, 360_000);
});
