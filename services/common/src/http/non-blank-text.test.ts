import { describe, expect, it } from 'vitest';
import { nonBlankPattern, nonBlankText } from './non-blank-text.js';
import { createRoute, jsonBody, OpenAPIHono } from './openapi.js';

describe('nonBlankText', () => {
  it('trims, refuses what is blank once trimmed, and keeps the length limit', () => {
    const name = nonBlankText(5, { error: 'name it' });
    expect(name.parse('  gig  ')).toBe('gig');
    expect(name.safeParse(' \u3000\ufeff\n').error?.issues[0]?.message).toBe('name it');
    expect(name.safeParse('toolong').success).toBe(false);
  });

  it('states "not blank" in the document as a pattern that matches exactly the text trim keeps', () => {
    const app = new OpenAPIHono();
    app.openapi(
      createRoute({
        method: 'post',
        path: '/',
        request: { body: jsonBody(nonBlankText(20)) },
        responses: { 204: { description: 'ok' } },
      }),
      (c) => c.body(null, 204),
    );
    const schema = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } }).paths?.[
      '/'
    ]?.post?.requestBody;
    expect(JSON.stringify(schema)).toContain('"pattern":"[^\\\\s\\\\uFEFF]"');

    const pattern = new RegExp(nonBlankPattern);
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const text = String.fromCharCode(code);
      if (pattern.test(text) !== (text.trim() !== '')) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});
