import { describe, expect, it } from 'vitest';
import { hasSessionHint } from './session-hint';

describe('the session hint', () => {
  it('is found among other cookies, and not in a look-alike', () => {
    expect(hasSessionHint('urr-locale=en; urr-signed-in=1')).toBe(true);
    expect(hasSessionHint('urr-signed-in=1')).toBe(true);
    expect(hasSessionHint('')).toBe(false);
    expect(hasSessionHint('urr-locale=en; not-urr-signed-in=1')).toBe(false);
    expect(hasSessionHint('urr-signed-inx=1')).toBe(false);
  });
});
