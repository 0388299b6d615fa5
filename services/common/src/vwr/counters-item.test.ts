import { describe, expect, it } from 'vitest';
import { countersSettingsUpdate } from './counters-item.js';

describe('countersSettingsUpdate', () => {
  it('sets exactly the settings given, under their attribute names', () => {
    expect(
      countersSettingsUpdate({ active: true, admitStep: 300, opensAt: new Date('2026-12-24T11:00:00Z') }),
    ).toEqual({
      UpdateExpression: 'SET #admitStep = :admitStep, #active = :active, #opensAt = :opensAt',
      ExpressionAttributeNames: { '#admitStep': 'admitStep', '#active': 'active', '#opensAt': 'opensAt' },
      ExpressionAttributeValues: {
        ':admitStep': { N: '300' },
        ':active': { BOOL: true },
        ':opensAt': { S: '2026-12-24T11:00:00.000Z' },
      },
    });
  });

  it('refuses an update with nothing to set', () => {
    expect(() => countersSettingsUpdate({})).toThrow(/no setting/);
  });
});
