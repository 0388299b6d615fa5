import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeUrl, launchBrowser, requireStack, screenshot } from './stack';

/** The seated demo sale seeded by ticket-service (services/ticket/src/seed/demo-data.ts). */
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';
const successCard = '4242 4242 4242 4242';
const repoDir = fileURLToPath(new URL('../../', import.meta.url));

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({
    baseURL: edgeUrl,
    locale: 'ko-KR',
    viewport: { width: 390, height: 844 },
  });
  return { context, page: await context.newPage() };
}

async function register(page: Page, name: string): Promise<string> {
  const email = `e2e-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`;
  await page.goto('/register');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel(/비밀번호/).fill(`pw-${randomBytes(8).toString('hex')}`);
  await page.getByLabel(/이름/).fill(name);
  await page.getByRole('button', { name: '가입하기' }).click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
  return email;
}

/** Through both waiting rooms to a paid seat of the demo sale; the reservation's id. */
async function bookAndPay(page: Page): Promise<string> {
  await page.goto(`/?q=${encodeURIComponent(demoEventTitle)}`);
  await page.getByTestId('event-card').filter({ hasText: demoEventTitle }).first().click();
  await page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
  const eventId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByTestId('book-button').click();
  await page.waitForURL(`**/events/${eventId}/booking`, { timeout: 180_000 });
  // On a phone the map opens at the block overview: pick a block with seats left first.
  await page.getByTestId('zone').filter({ hasNotText: '매진' }).first().click({ timeout: 30_000 });
  await page.getByTestId('seat-map').waitFor({ timeout: 30_000 });
  const free = page.locator('button.seat[data-state="available"]');
  const count = await free.count();
  expect(count).toBeGreaterThan(0);
  await free.nth(Math.floor(Math.random() * count)).click();
  // On a phone the chosen seats and the confirm button stay in view after a tap on the map.
  const confirm = page.getByRole('button', { name: '좌석 선택 완료' });
  const box = await confirm.boundingBox();
  expect(
    box && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height,
    'confirm button in view',
  ).toBe(true);
  await confirm.click();
  await page.waitForURL(/\/reservations\/[0-9a-f-]+\/payment$/, { timeout: 30_000 });
  const reservationId = new URL(page.url()).pathname.split('/')[2]!;
  await page.getByTestId('pay-button').waitFor({ timeout: 30_000 });
  await page.getByLabel('카드 번호').fill(successCard);
  await page.getByLabel('CVC').fill('123');
  await page.getByTestId('pay-button').click();
  await page.getByRole('heading', { name: '예매가 완료되었습니다' }).waitFor({ timeout: 60_000 });
  return reservationId;
}

/**
 * As an operator would: `make-staff` against the stack's auth_db (its port from the stack's ports.env), then
 * a token refresh, so the session's access token carries the role.
 */
async function makeStaff(context: BrowserContext, email: string): Promise<void> {
  const grant =
    'source scripts/local-stack/ports.env && DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/auth_db" ' +
    'npm run -s make-staff -w @urr/auth -- "$1"';
  await promisify(execFile)('bash', ['-c', grant, 'make-staff', email], { cwd: repoDir });
  const refreshed = await context.request.post(`${edgeUrl}/api/v1/auth/refresh`);
  expect(refreshed.ok()).toBe(true);
}

/** Scans (pastes) a code; the page clears the last answer on submit, so the one that appears is this scan's. */
async function scan(page: Page, code: string) {
  await page.getByLabel('티켓 코드').fill(code);
  await page.getByRole('button', { name: '입장 처리' }).click();
  const outcome = page.getByTestId('check-in-outcome');
  await outcome.waitFor({ timeout: 15_000 });
  return { admitted: await outcome.getAttribute('data-admitted'), text: (await outcome.textContent()) ?? '' };
}

describe('a ticket at the door', () => {
  it('shows a rotating QR code; staff admit it once, and a second scan says when and where', async () => {
    await requireStack();
    browser = await launchBrowser();
    const fan = await newPage();
    const staff = await newPage();
    try {
      await register(fan.page, 'E2E 관객');
      const reservationId = await bookAndPay(fan.page);

      await fan.page.goto(`/my/tickets/${reservationId}`);
      await fan.page.getByRole('img', { name: /입장 QR 코드/ }).waitFor({ timeout: 15_000 });
      await fan.page.getByText('코드 직접 보기').click();
      const code = ((await fan.page.getByTestId('ticket-code').textContent()) ?? '').trim();
      expect(code.split('.')).toHaveLength(3);
      await screenshot(fan.page, 'mobile-ticket');

      const staffEmail = await register(staff.page, 'E2E 스태프');
      await makeStaff(staff.context, staffEmail);
      await staff.page.goto('/staff/check-in');
      await staff.page.getByLabel('입구').fill('E2E gate 1');

      expect(await scan(staff.page, 'not-a-ticket-code')).toMatchObject({ admitted: 'false' });
      const first = await scan(staff.page, code);
      expect(first).toMatchObject({ admitted: 'true' });
      expect(first.text).toContain('입장 확인');
      const second = await scan(staff.page, code);
      expect(second).toMatchObject({ admitted: 'false' });
      expect(second.text).toContain('이미 사용된 티켓');
      expect(second.text).toContain('E2E gate 1');
      await screenshot(staff.page, 'check-in-second-scan');

      // The holder's page notices at its next fetch (at most 5 s later): the ticket is used, no code shown.
      await fan.page.locator('[data-ticket-number="1"][data-used="true"]').waitFor({ timeout: 15_000 });
    } catch (error) {
      await screenshot(fan.page, 'check-in-fan-failure').catch(() => undefined);
      await screenshot(staff.page, 'check-in-staff-failure').catch(() => undefined);
      throw error;
    } finally {
      await fan.context.close();
      await staff.context.close();
    }
  });
});
