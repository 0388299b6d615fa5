import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kubeconfig, kubectl, overflow, signInAsDemoAdmin } from './demo-stack';
import { edgeUrl, launchBrowser, requireStack, screenshot } from './stack';

/** The seated demo sale seeded by ticket-service (services/ticket/src/seed/demo-data.ts). */
const demoEventTitle = process.env.E2E_EVENT_TITLE ?? 'Symphony Night';
const phone = { width: 390, height: 844 };
const stamp = `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;

let browser: Browser | undefined;
/** TicketEvents this run applied, deleted again at the end. */
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

async function newPage(permissions: string[] = []): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({
    baseURL: edgeUrl,
    locale: 'ko-KR',
    viewport: { width: 1280, height: 900 },
    permissions,
  });
  return { context, page: await context.newPage() };
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
  }
}

/** How far the page is wider than the screen (0 when it fits). */

describe('the organisers’ pages through the whole stack', () => {
  it('organiser creates a venue with a drawn seat map, an event and a sale', async () => {
    await requireStack();
    browser = await launchBrowser();
    const { context, page } = await newPage(['clipboard-read', 'clipboard-write']);
    // Venues are listed by name: a prefix that falls with time puts this run's venue first among earlier runs'.
    const venueName = `0 E2E 홀 ${(Number.MAX_SAFE_INTEGER - Date.now()).toString(36)}`;
    const eventTitle = `E2E 오케스트라 ${stamp}`;

    await journey(page, 'organiser', async () => {
      await signInAsDemoAdmin(page);

      await page.goto('/admin/venues');
      const venueForm = page.getByRole('form', { name: '공연장 추가' });
      await venueForm.getByLabel('이름').fill(venueName);
      await venueForm.getByLabel('도시').fill('Seoul');
      await venueForm.getByRole('button', { name: '추가하기' }).click();
      await page.getByText(`${venueName}을(를) 추가했습니다.`).waitFor({ timeout: 15_000 });
      // The list is in name order, 50 at a time: page on until the new venue shows (a busy stack has many).
      const newVenue = page.getByTestId('venue-list').getByRole('cell', { name: venueName, exact: true });
      for (let more = 0; more < 20 && !(await newVenue.isVisible()); more++) {
        const next = page.getByRole('button', { name: '더 보기' });
        if (!(await next.isVisible())) break;
        await next.click();
        await page.waitForTimeout(300);
      }
      await newVenue.waitFor({ timeout: 15_000 });

      await page.setViewportSize(phone);
      expect(await overflow(page), 'the venues page is wider than a phone').toBeLessThanOrEqual(0);
      await page.goto('/admin/memberships');
      await page.getByRole('heading', { name: '선예매 등급별 오픈' }).waitFor({ timeout: 15_000 });
      expect(await overflow(page), 'the memberships page is wider than a phone').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The new-event form makes a draft by default: nothing goes on sale half made.
      await page.goto('/admin/events/new');
      await page.getByLabel('제목').fill(eventTitle);
      await page.getByRole('combobox', { name: /^공연장/ }).selectOption({ label: `${venueName} (Seoul)` });
      await expect(page.getByLabel('공개 상태').inputValue()).resolves.toBe('draft');
      await page.getByRole('button', { name: '등록하기' }).click();
      await page.getByRole('heading', { name: '공연을 등록했습니다' }).waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: '좌석 배치도 미리보기' }).click();
      await page.waitForURL(/\/admin\/events\/[0-9a-f-]+\/seat-map$/, { timeout: 15_000 });
      const eventId = new URL(page.url()).pathname.split('/')[3]!;

      // The editor reads back the map the form saved, then the organiser draws one more block.
      const drawing = page.getByTestId('seat-map-drawing');
      await drawing.waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('seat-map-block').count()).resolves.toBe(3);
      const addBlock = page.getByRole('form', { name: '구역 추가' });
      await addBlock.getByLabel('구역명').fill('Balcony');
      await addBlock.getByLabel('열 수').fill('4');
      await addBlock.getByLabel('열당 좌석 수').fill('12');
      await addBlock.getByLabel('등급').selectOption('S');
      await addBlock.getByRole('button', { name: '구역 추가하기' }).click();
      await drawing.locator('g[data-block="Balcony"]').waitFor();
      await expect(drawing.locator('g[data-block="Balcony"] rect').count()).resolves.toBe(1 + 4 * 12);
      // The form's three blocks of 10 × 20 and the new 4 × 12.
      await expect(page.getByTestId('total-seats').textContent()).resolves.toBe('648');
      await screenshot(page, 'organiser-seat-map');
      await page.getByRole('button', { name: '배치도 저장' }).click();
      await page.getByText(/저장했습니다: 회차당 648석/).waitFor({ timeout: 30_000 });

      await page.setViewportSize(phone);
      expect(await overflow(page), 'the seat-map editor is wider than a phone').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The organiser edits the event's details; the page reads back what was saved.
      await page.goto(`/admin/events/${eventId}`);
      const details = page.getByRole('form', { name: '공연 정보' });
      const description = `E2E 소개 ${stamp}`;
      await details.getByLabel('소개').fill(description);
      await details.getByRole('button', { name: '저장하기' }).click();
      await page.getByText('공연 정보를 저장했습니다.').waitFor({ timeout: 15_000 });
      await page.reload();
      await expect
        .poll(() => page.getByRole('form', { name: '공연 정보' }).getByLabel('소개').inputValue(), {
          timeout: 15_000,
        })
        .toBe(description);

      // Open the sale: the status, then the TicketEvent the page shows, applied as the organiser would.
      await page.getByRole('button', { name: '판매 열기 (예매 중)' }).click();
      await expect
        .poll(() => page.getByTestId('event-status').textContent(), { timeout: 15_000 })
        .toContain('예매 중');
      const shown = (await page.getByTestId('ticket-event-yaml').textContent()) ?? '';
      expect(shown).toContain(`eventId: "${eventId}"`);
      await page.getByRole('button', { name: 'kubectl apply 명령 복사' }).click();
      await page.getByText('복사했습니다').waitFor();
      const command = await page.evaluate(() => navigator.clipboard.readText());
      expect(command).toBe(shown);
      const name = `sale-${eventId}`;
      appliedTicketEvents.push(name);
      execFileSync('bash', ['-c', command], {
        env: { ...process.env, KUBECONFIG: kubeconfig },
        timeout: 30_000,
      });
      // The sale window of the new event is open now, so the operator puts it on sale.
      await expect
        .poll(() => kubectl(['get', 'ticketevent', name, '-o', 'jsonpath={.status.phase}']), {
          timeout: 60_000,
          interval: 1_000,
        })
        .toBe('OnSale');
      await screenshot(page, 'organiser-event');

      await page.setViewportSize(phone);
      expect(await overflow(page), 'the event admin page is wider than a phone').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The dashboard lists the event's admin page; its per-event table adds up to the net card.
      await page.goto('/admin');
      await page.getByTestId('event-sales').waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: eventTitle }).first().waitFor();

      // Stop the test sale again, so the run leaves nothing on sale.
      await page.goto(`/admin/events/${eventId}`);
      await page.getByRole('button', { name: '판매 멈추기 (판매 종료)' }).click();
      await expect
        .poll(() => page.getByTestId('event-status').textContent(), { timeout: 15_000 })
        .toContain('판매 종료');
    });
    await context.close();
  });

  it('admin hides a post', async () => {
    await requireStack();
    browser ??= await launchBrowser();
    const title = `E2E 신고 글 ${stamp}`;
    const reason = `E2E 광고성 글 ${stamp}`;

    const fan = await newPage();
    let eventId = '';
    let postId = '';
    await journey(fan.page, 'fan-writes-a-post', async () => {
      await fan.page.goto('/register');
      await fan.page.getByLabel('이메일').fill(`e2e-${stamp}@example.com`);
      await fan.page.getByLabel(/비밀번호/).fill(`pw-${randomBytes(8).toString('hex')}`);
      await fan.page.getByLabel(/이름/).fill('E2E 팬');
      await fan.page.getByRole('button', { name: '가입하기' }).click();
      await fan.page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
      // Through the browser's own fetch, as the app's client calls it (same origin, session cookies).
      const written = await fan.page.evaluate(
        async ({ query, postTitle }) => {
          const found = await fetch(`/api/v1/events?q=${encodeURIComponent(query)}`).then((r) => r.json());
          const id = found.items[0].id as string;
          const response = await fetch(`/api/v1/community/events/${id}/posts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: postTitle, body: '지금 싸게 팝니다 — 연락 주세요' }),
          });
          return { eventId: id, status: response.status, post: await response.json() };
        },
        { query: demoEventTitle, postTitle: title },
      );
      expect(written.status).toBe(201);
      eventId = written.eventId;
      postId = written.post.id;
    });

    const admin = await newPage();
    await journey(admin.page, 'admin-hides-a-post', async () => {
      await signInAsDemoAdmin(admin.page);
      await admin.page.goto('/admin/moderation');
      const post = admin.page.getByRole('article', { name: title });
      await post.waitFor({ timeout: 15_000 });
      await post.getByLabel('사유').fill(reason);
      await post.getByRole('button', { name: '숨기기' }).click();
      await admin.page.getByText('숨겼습니다.').waitFor({ timeout: 15_000 });
      // The list reloads after the notice: wait for the post to show as hidden.
      await expect.poll(() => post.getAttribute('data-hidden'), { timeout: 15_000 }).toBe('true');
      await admin.page.getByTestId('moderation-log').getByRole('cell', { name: reason }).waitFor();
      await screenshot(admin.page, 'moderation');
      await admin.page.setViewportSize(phone);
      expect(await overflow(admin.page), 'the moderation queue is wider than a phone').toBeLessThanOrEqual(0);
    });

    // The public list no longer shows it.
    const listed = await fan.page.evaluate(async (id) => {
      const page = await fetch(`/api/v1/community/events/${id}/posts?size=100`).then((r) => r.json());
      return (page.items as { id: string }[]).map((item) => item.id);
    }, eventId);
    expect(listed).not.toContain(postId);
    await fan.context.close();
    await admin.context.close();
  });
});
