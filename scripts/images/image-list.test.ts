import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImageList, readImageList } from './image-list.js';

const repositoryRoot = join(import.meta.dirname, '..', '..');

describe('parseImageList', () => {
  it('reads name, kind, entry and port, skipping comments and blank lines', () => {
    expect(
      parseImageList('# a comment\n\ngateway-service backend services/gateway/src/main.ts 3001\n'),
    ).toEqual([
      { name: 'gateway-service', kind: 'backend', entry: 'services/gateway/src/main.ts', port: 3001 },
    ]);
  });

  it.each([
    ['gateway backend main.ts', /expected "name kind entry port"/],
    ['Gateway backend main.ts 3001', /name "Gateway"/],
    ['gateway lambda main.ts 3001', /kind "lambda" must be one of backend, frontend/],
    ['gateway backend main.ts 70000', /port "70000"/],
    ['gateway backend main.ts 3001\ngateway backend other.ts 3002', /line 2: "gateway" is listed twice/],
  ])('refuses %j naming the line and the fault', (text, message) => {
    expect(() => parseImageList(text)).toThrow(message);
  });
});

describe('images.list', () => {
  it('names an existing entry for every image', () => {
    const images = readImageList();
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(repositoryRoot, image.entry)), image.entry).toBe(true);
  });
});
