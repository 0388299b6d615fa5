import { nonBlankPattern } from '@urr/common';
import { describe, expect, it } from 'vitest';
import { catalogOpenApiDocument } from './openapi-document.js';

type Operation = { parameters?: { name: string; schema: { pattern?: string } }[] };

describe('the catalog document', () => {
  it('tells a client (or a fuzzer) that an artist search is never blank', async () => {
    const paths = ((await catalogOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> })
      .paths;
    const q = paths['/api/v1/artists']?.get?.parameters?.find((parameter) => parameter.name === 'q');
    expect(q?.schema.pattern).toBe(nonBlankPattern);
  });
});
