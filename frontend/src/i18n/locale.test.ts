import { describe, expect, it } from 'vitest';
import { bilingual, negotiateLocale } from './locale';

describe("the page's language", () => {
  it("follows the fan's choice first", () => {
    expect(negotiateLocale('en', 'ko-KR,ko;q=0.9')).toBe('en');
    expect(negotiateLocale('ko', 'en-US')).toBe('ko');
  });

  it("else the browser's most wanted supported language", () => {
    expect(negotiateLocale(undefined, 'en-US,en;q=0.9,ko;q=0.8')).toBe('en');
    expect(negotiateLocale(undefined, 'fr-FR,fr;q=0.9,en;q=0.5,ko;q=0.7')).toBe('ko');
    expect(negotiateLocale(undefined, 'de, en-GB;q=0.3')).toBe('en');
    expect(negotiateLocale(undefined, 'en;q=0, ko;q=0.1')).toBe('ko');
  });

  it('else Korean, whatever junk arrives', () => {
    expect(negotiateLocale(undefined, undefined)).toBe('ko');
    expect(negotiateLocale('xx', 'fr')).toBe('ko');
    expect(negotiateLocale('', ';;;,q=abc,')).toBe('ko');
  });

  it('keeps both languages of a component side by side', () => {
    const text = bilingual({ ko: { hello: '안녕하세요' }, en: { hello: 'Hello' } });
    expect(text.en.hello).toBe('Hello');
  });
});
