import { inBatches } from '@urr/common/testing/in-batches';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWaitingRoom, visitor, writeRoomSettings } from './test-support.js';

/** Bounded assigns per account and per network, counted across Lambda containers (docs/adr/0008). */
describe('assign limits', () => {
  let room: Awaited<ReturnType<typeof testWaitingRoom>>;
  const eventId = `limits-${Date.now()}`;
  // One instant for every call, so no run straddles two one-minute windows.
  const now = Date.now();
  const clock = () => now;
  const originSecret = 'the-value-cloudfront-sends-to-the-origin';
  /** What API Gateway sees behind CloudFront: one of CloudFront's addresses, the viewer's in a header. */
  const throughCloudFront = (viewer: string, secret = originSecret) => ({
    clientIp: '130.176.0.9',
    headers: { 'x-urr-origin-verify': secret, 'cloudfront-viewer-address': `${viewer}:50123` },
  });

  beforeAll(async () => {
    room = await testWaitingRoom({
      VWR_ASSIGN_LIMIT_PER_ACCOUNT: '3',
      VWR_ASSIGN_LIMIT_PER_NETWORK: '20',
      VWR_ORIGIN_VERIFY_SECRET: originSecret,
    });
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true });
  });
  afterAll(async () => {
    room?.dynamo.destroy();
    await room?.issuer.close();
  });

  it('lets one account assign 3 times a minute, however many containers answer it', async () => {
    const lambdas = [room.container(clock), room.container(clock)];
    const account = crypto.randomUUID();
    const answers = await inBatches(8, 8, (index) =>
      visitor(lambdas[index % 2]!, eventId, { account, clientIp: '198.51.100.7' }).assign(),
    );
    const statuses = answers.map(({ result }) => result.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const limited = answers.find(({ result }) => result.statusCode === 429)!;
    expect(limited.body.type).toBe('urn:urr:problem:vwr-assign-rate-limited');
    expect(Number(limited.result.headers?.['retry-after'])).toBeGreaterThan(0);
  });

  it('lets one /24 make 20 assigns a minute, while another network is not held back', async () => {
    const lambda = room.container(clock);
    const answers = await inBatches(30, 10, (index) =>
      visitor(lambda, eventId, { clientIp: `203.0.113.${index + 1}` }).assign(),
    );
    expect(answers.filter(({ result }) => result.statusCode === 200)).toHaveLength(20);
    expect(answers.filter(({ result }) => result.statusCode === 429)).toHaveLength(10);
    const elsewhere = await visitor(lambda, eventId, { clientIp: '192.0.2.10' }).assign();
    expect(elsewhere.result.statusCode).toBe(200);
  });

  it('counts an IPv6 /64 as one network', async () => {
    const lambda = room.container(clock);
    const answers = await inBatches(21, 7, (index) =>
      visitor(lambda, eventId, { clientIp: `2001:db8:7:1:${(index + 1).toString(16)}::1` }).assign(),
    );
    expect(answers.filter(({ result }) => result.statusCode === 429)).toHaveLength(1);
    const nextNetwork = await visitor(lambda, eventId, { clientIp: '2001:db8:7:2::1' }).assign();
    expect(nextNetwork.result.statusCode).toBe(200);
  });

  it('counts fans behind CloudFront by their own address, and a forged one by the caller’s', async () => {
    const lambda = room.container(clock);
    const fans = await inBatches(25, 5, (index) =>
      visitor(lambda, eventId, throughCloudFront(`192.0.${100 + index}.1`)).assign(),
    );
    expect(fans.every(({ result }) => result.statusCode === 200)).toBe(true);
    const forgers = await inBatches(21, 7, (index) =>
      visitor(lambda, eventId, {
        ...throughCloudFront(`192.0.${150 + index}.1`, 'a-guessed-origin-secret'),
        clientIp: '198.18.0.1',
      }).assign(),
    );
    expect(forgers.filter(({ result }) => result.statusCode === 429)).toHaveLength(1);
  });
});
