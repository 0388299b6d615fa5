import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  defaultSaleSettings,
  pauseCommand,
  saleSettingsIssues,
  ticketEventName,
  ticketEventYaml,
} from './ticket-event-manifest';

const event = {
  id: '5E3D0C4A-8a51-4d0b-9b1e-2f6a0c1d2200',
  title: 'Hana Seo: "Symphony" Night',
  presaleOpensAt: null,
  salesOpenAt: '2026-12-01T11:00:00.000Z',
  salesCloseAt: '2027-01-15T08:00:00.000Z',
};

describe('ticketEventYaml', () => {
  it('writes the TicketEvent of the event’s sale window with the queue settings', () => {
    expect(ticketEventYaml(event, { ...defaultSaleSettings, expectedPeakUsers: 60_000 })).toBe(
      [
        'apiVersion: urr.guru/v1alpha1',
        'kind: TicketEvent',
        'metadata:',
        '  name: sale-5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200',
        '  namespace: default',
        'spec:',
        '  eventId: "5E3D0C4A-8a51-4d0b-9b1e-2f6a0c1d2200"',
        '  title: "Hana Seo: \\"Symphony\\" Night"',
        '  sale:',
        '    opensAt: "2026-12-01T11:00:00.000Z"',
        '    closesAt: "2027-01-15T08:00:00.000Z"',
        '  queue:',
        '    maxActiveUsers: 500',
        '    threshold: 50',
        '  expectedPeakUsers: 60000',
        '',
      ].join('\n'),
    );
  });

  it('adds the members’ presale when the event has one, and no peak when none is expected', () => {
    const yaml = ticketEventYaml(
      { ...event, presaleOpensAt: '2026-11-28T11:00:00.000Z' },
      defaultSaleSettings,
    );
    expect(yaml).toContain('  sale:\n    presale:\n      opensAt: "2026-11-28T11:00:00.000Z"\n    opensAt:');
    expect(yaml).not.toContain('expectedPeakUsers');
  });

  it('quotes a title so that YAML reads it back as written', () => {
    const title = ticketEventYaml(event, defaultSaleSettings)
      .split('\n')
      .find((line) => line.startsWith('  title: '))!
      .slice('  title: '.length);
    expect(JSON.parse(title)).toBe(event.title);
  });
});

describe('commands', () => {
  it('applies from standard input and pauses by name', () => {
    expect(applyCommand(event, defaultSaleSettings)).toMatch(
      /^kubectl apply -f - <<'EOF'\napiVersion:[\s\S]*\nEOF\n$/,
    );
    expect(pauseCommand(event.id, 'urr', true)).toBe(
      `kubectl -n urr patch ticketevent sale-5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200 --type merge -p '{"spec":{"paused":true}}'`,
    );
    expect(pauseCommand(event.id, 'urr', false)).toContain('"paused":false');
  });

  it('names the TicketEvent as Kubernetes allows', () => {
    expect(ticketEventName('Demo_Event.1')).toBe('sale-demo-event-1');
    expect(ticketEventName('x'.repeat(80)).length).toBeLessThanOrEqual(63);
  });
});

describe('saleSettingsIssues', () => {
  it('refuses what the CRD refuses', () => {
    expect(saleSettingsIssues(defaultSaleSettings)).toEqual([]);
    expect(saleSettingsIssues({ ...defaultSaleSettings, maxActiveUsers: 0, threshold: 0 })).toHaveLength(1);
    expect(saleSettingsIssues({ ...defaultSaleSettings, threshold: 501 })).toEqual([
      '대기열 생략 기준은 동시 예매 인원보다 클 수 없습니다.',
    ]);
    expect(saleSettingsIssues({ ...defaultSaleSettings, namespace: 'Bad_NS' })).toHaveLength(1);
  });

  it('says so in English too', () => {
    expect(saleSettingsIssues({ ...defaultSaleSettings, threshold: 501 }, 'en')).toEqual([
      "The queue-skip threshold can't be more than the fans booking at once.",
    ]);
    expect(
      saleSettingsIssues(
        { ...defaultSaleSettings, maxActiveUsers: 0, threshold: 0, namespace: 'Bad_NS' },
        'en',
      ),
    ).toEqual([
      'Fans booking at once must be a whole number from 1 to 1,000,000.',
      'The namespace must be a name of lower-case letters, digits and hyphens.',
    ]);
  });
});
