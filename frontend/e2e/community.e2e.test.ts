import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { bookDemoSeat, type FanPage, journey, openFanPage, register, scriptErrors, step } from './fan';
import { launchBrowser, requireStack, screenshot } from './stack';

let browser: Browser | undefined;
/** The fan of the first test with the booking they reviewed, and a friend who holds no ticket yet. */
let shared: { fan: FanPage; friend: FanPage; eventId: string; reservationId: string } | undefined;

afterAll(async () => {
  await shared?.fan.context.close();
  await shared?.friend.context.close();
  await browser?.close();
});

async function startBrowser(): Promise<Browser> {
  // In the test itself, so a stack that is down shows as the test failing (with how to start it).
  await requireStack();
  browser ??= await launchBrowser();
  return browser;
}

/** Unique per run: the demo sale keeps the reviews of earlier runs. */
const reviewText = `오케스트라와 함께한 무대가 정말 좋았습니다. (${randomBytes(3).toString('hex')})`;

describe('fans around an event: reviews, transfers, posts', () => {
  it('a fan posts a review after the show; a fan without a ticket cannot', async () => {
    const started = await startBrowser();
    const fan = await openFanPage(started);
    const friend = await openFanPage(started);

    await journey(fan.page, 'review', async () => {
      await step('register', () => register(fan.page, 'E2E 관객'));
      // The community service asks only for a confirmed reservation of the event (the demo seed has no past
      // performance): a booking paid for makes the fan a reviewer.
      const { eventId, reservationId } = await bookDemoSeat(fan.page);

      await step('write the review', async () => {
        await fan.page.goto(`/events/${eventId}/reviews`);
        await fan.page.getByRole('heading', { level: 2, name: '후기 쓰기' }).waitFor();
        await fan.page.getByLabel('별점', { exact: true }).selectOption('4');
        await fan.page.getByLabel('후기', { exact: true }).fill(reviewText);
        await fan.page.getByRole('button', { name: '후기 등록' }).click();
        await fan.page.getByText('후기를 등록했습니다.').waitFor({ timeout: 15_000 });
      });

      await step('the review shows with the ticket badge', async () => {
        const review = fan.page.getByTestId('review').filter({ hasText: reviewText });
        await review.waitFor({ timeout: 15_000 });
        await expect(review.getByTestId('ticket-badge').textContent()).resolves.toBe('예매 인증');
        await expect(review.getByTestId('author').textContent()).resolves.toBe('나');
        await expect(review.getByRole('img', { name: '별점 5점 만점에 4점' }).count()).resolves.toBe(1);
        await expect(fan.page.getByTestId('review-summary').textContent()).resolves.toMatch(/후기 \d+개/);
        // Written once: the form is gone and the service refuses a second review.
        await expect(fan.page.getByRole('button', { name: '후기 등록' }).count()).resolves.toBe(0);
        const again = await fan.context.request.post(`/api/v1/community/events/${eventId}/reviews`, {
          data: { rating: 1, body: 'second review' },
        });
        expect(again.status()).toBe(409);
        expect((await again.json()).type).toBe('urn:urr:problem:already-reviewed');
        await screenshot(fan.page, 'review-posted');
      });

      await step('a fan without a ticket sees the review and no form', async () => {
        await register(friend.page, 'E2E 친구');
        await friend.page.goto(`/events/${eventId}/reviews`);
        const review = friend.page.getByTestId('review').filter({ hasText: reviewText });
        await review.waitFor({ timeout: 15_000 });
        await expect(review.getByTestId('author').textContent()).resolves.toMatch(/^팬 [0-9A-F]{6}$/);
        await expect(review.getByRole('button', { name: '수정' }).count()).resolves.toBe(0);
        await friend.page.getByTestId('review-needs-booking').waitFor({ timeout: 15_000 });
        // Past the page, straight at the API: refused with the problem the page words for fans.
        const forced = await friend.context.request.post(`/api/v1/community/events/${eventId}/reviews`, {
          data: { rating: 5, body: 'never booked' },
        });
        expect(forced.status()).toBe(403);
        expect((await forced.json()).type).toBe('urn:urr:problem:no-confirmed-reservation');
      });

      expect(scriptErrors(fan.consoleErrors)).toEqual([]);
      shared = { fan, friend, eventId, reservationId };
    });
  });

  it('a fan transfers a ticket and the friend sees it', async () => {
    if (!shared) throw new Error('needs the paid booking of the test above, which did not finish');
    const { fan, friend, eventId, reservationId } = shared;

    await journey(fan.page, 'transfer-to-friend', async () => {
      const offer = await step('the fan offers the ticket', async () => {
        await fan.page.goto('/my/reservations');
        const item = fan.page.locator(`[data-reservation-id="${reservationId}"]`);
        await item.getByRole('button', { name: '양도하기' }).click();
        const code = await item.getByTestId('claim-code').textContent({ timeout: 15_000 });
        const transferId = await item.getByTestId('transfer-id').textContent();
        return { code: code!.trim(), transferId: transferId!.trim() };
      });

      await step('the fan sees it pending under sent', async () => {
        await fan.page.goto('/my/transfers');
        const sent = fan.page
          .getByTestId('sent-transfers')
          .locator(`[data-transfer-id="${offer.transferId}"]`);
        await sent.waitFor({ timeout: 15_000 });
        await expect(sent.getByTestId('transfer-status').textContent()).resolves.toBe('수락 대기');
        await expect(sent.getByRole('button', { name: '양도 취소' }).count()).resolves.toBe(1);
      });

      await step('a wrong code is refused', async () => {
        await friend.page.goto('/my/transfers');
        await friend.page.getByTestId('transfers-loaded').waitFor({ timeout: 15_000 });
        await friend.page.getByLabel('양도 번호').fill(offer.transferId);
        await friend.page.getByLabel('양도 코드').fill(`${offer.code}x`);
        await friend.page.getByRole('button', { name: '받기' }).click();
        await friend.page
          .getByRole('alert')
          .filter({ hasText: '양도 코드가 맞지 않습니다' })
          .waitFor({ timeout: 15_000 });
      });

      await step('the friend claims it with the number and code', async () => {
        await friend.page.getByLabel('양도 번호').fill(offer.transferId);
        await friend.page.getByLabel('양도 코드').fill(offer.code);
        await friend.page.getByRole('button', { name: '받기' }).click();
        await friend.page.getByText('양도받은 티켓이 내 예매에 추가되었습니다.').waitFor({ timeout: 15_000 });
        const received = friend.page
          .getByTestId('received-transfers')
          .locator(`[data-transfer-id="${offer.transferId}"]`);
        await received.waitFor({ timeout: 15_000 });
        await expect(received.getByTestId('transfer-status').textContent()).resolves.toBe('양도 완료');
        await screenshot(friend.page, 'transfer-received');
      });

      await step('the friend holds the booking and may review the event now', async () => {
        await friend.page.goto('/my/reservations');
        const item = friend.page.locator(`[data-reservation-id="${reservationId}"]`);
        await item.waitFor({ timeout: 15_000 });
        await expect(item.getByTestId('reservation-status').textContent()).resolves.toBe('예매 완료');
        await friend.page.goto(`/events/${eventId}/reviews`);
        await friend.page.getByRole('button', { name: '후기 등록' }).waitFor({ timeout: 15_000 });
      });

      await step('the fan sees it completed and no longer holds it', async () => {
        await fan.page.goto('/my/transfers');
        const sent = fan.page
          .getByTestId('sent-transfers')
          .locator(`[data-transfer-id="${offer.transferId}"]`);
        await sent.waitFor({ timeout: 15_000 });
        await expect(sent.getByTestId('transfer-status').textContent()).resolves.toBe('양도 완료');
        await expect(sent.getByRole('button', { name: '양도 취소' }).count()).resolves.toBe(0);
        await fan.page.goto('/my/reservations');
        await fan.page.getByTestId('reservations-loaded').waitFor({ timeout: 15_000 });
        await expect(fan.page.locator(`[data-reservation-id="${reservationId}"]`).count()).resolves.toBe(0);
      });

      expect(scriptErrors(friend.consoleErrors)).toEqual([]);
    });
  });

  it('fans talk about the event: a post, a comment, an edit and a delete by their authors only', async () => {
    const started = await startBrowser();
    const writer = await openFanPage(started);
    const reader = await openFanPage(started);
    const title = `E2E 글 ${Date.now()}`;
    try {
      await journey(writer.page, 'community-post', async () => {
        const eventId = await step('open the demo event’s community', async () => {
          await register(writer.page, 'E2E 글쓴이');
          await writer.page.goto('/');
          await writer.page.getByTestId('event-card').first().click();
          await writer.page.waitForURL(/\/events\/[0-9a-f-]+$/, { timeout: 15_000 });
          await writer.page
            .getByRole('navigation', { name: '공연 메뉴' })
            .getByRole('link', { name: '커뮤니티' })
            .click();
          await writer.page.waitForURL(/\/events\/[0-9a-f-]+\/community$/, { timeout: 15_000 });
          return new URL(writer.page.url()).pathname.split('/')[2]!;
        });

        const postUrl = await step('write a post', async () => {
          await writer.page.getByLabel('제목').fill(title);
          await writer.page.getByLabel('내용').fill('같이 가실 분 계신가요?');
          await writer.page.getByRole('button', { name: '등록', exact: true }).click();
          await writer.page.getByRole('link', { name: title, exact: true }).click();
          await writer.page.waitForURL(/\/community\/posts\/[0-9a-f-]+$/, { timeout: 15_000 });
          await writer.page.getByRole('heading', { level: 1, name: title }).waitFor();
          return writer.page.url();
        });

        await step('another fan comments and cannot change the post', async () => {
          await register(reader.page, 'E2E 댓글러');
          await reader.page.goto(postUrl);
          await reader.page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
          await expect(reader.page.getByRole('button', { name: '수정' }).count()).resolves.toBe(0);
          await reader.page.getByLabel('댓글', { exact: true }).fill('저요!');
          await reader.page.getByRole('button', { name: '댓글 등록' }).click();
          await reader.page.getByRole('heading', { level: 2, name: '댓글 1' }).waitFor({ timeout: 15_000 });
        });

        await step('the author edits, then deletes the post', async () => {
          await writer.page.reload();
          await writer.page.getByRole('heading', { level: 2, name: '댓글 1' }).waitFor({ timeout: 15_000 });
          await writer.page.getByRole('button', { name: '수정', exact: true }).click();
          await writer.page.getByLabel('제목').fill(`${title} (수정)`);
          await writer.page.getByRole('button', { name: '저장' }).click();
          await writer.page
            .getByRole('heading', { level: 1, name: `${title} (수정)` })
            .waitFor({ timeout: 15_000 });
          await screenshot(writer.page, 'community-post');
          writer.page.once('dialog', (dialog) => void dialog.accept());
          await writer.page.getByRole('button', { name: '삭제', exact: true }).first().click();
          await writer.page.waitForURL(`**/events/${eventId}/community`, { timeout: 15_000 });
          await writer.page.getByTestId('posts-loaded').waitFor({ timeout: 15_000 });
          await expect(writer.page.getByRole('link', { name: `${title} (수정)` }).count()).resolves.toBe(0);
        });

        expect(scriptErrors(writer.consoleErrors)).toEqual([]);
        expect(scriptErrors(reader.consoleErrors)).toEqual([]);
      });
    } finally {
      await writer.context.close();
      await reader.context.close();
    }
  });
});
