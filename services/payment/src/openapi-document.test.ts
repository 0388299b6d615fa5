import { nonBlankPattern } from '@urr/common';
import { describe, expect, it } from 'vitest';
import { paymentOpenApiDocument } from './openapi-document.js';

type Operation = {
  requestBody?: {
    content: { 'application/json': { schema: { properties?: Record<string, { pattern?: string }> } } };
  };
};

describe('the payment document', () => {
  it('tells a client (or a fuzzer) that a refund reason, when given, is never blank', async () => {
    const paths = ((await paymentOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> })
      .paths;
    for (const path of ['/api/v1/payments/{id}/refunds', '/internal/payments/{id}/refunds'])
      expect(
        paths[path]?.post?.requestBody?.content['application/json'].schema.properties?.reason?.pattern,
        path,
      ).toBe(nonBlankPattern);
  });
});
