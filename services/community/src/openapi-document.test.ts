import { nonBlankPattern } from '@urr/common';
import { describe, expect, it } from 'vitest';
import { communityOpenApiDocument } from './openapi-document.js';

type Schema = { properties?: Record<string, { pattern?: string }> };
type Operation = {
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  parameters?: { name: string; schema: { pattern?: string } }[];
};

describe('the community document', () => {
  it('tells a client (or a fuzzer) that the texts people write are never blank', async () => {
    const paths = ((await communityOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> })
      .paths;
    const bodyField = (path: string, method: string, field: string) =>
      paths[path]?.[method]?.requestBody?.content['application/json'].schema.properties?.[field]?.pattern;
    const queryField = (path: string, method: string, name: string) =>
      paths[path]?.[method]?.parameters?.find((parameter) => parameter.name === name)?.schema.pattern;

    expect(bodyField('/api/v1/community/events/{eventId}/posts', 'post', 'title')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/community/events/{eventId}/posts', 'post', 'body')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/community/posts/{postId}/comments', 'post', 'body')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/community/events/{eventId}/reviews', 'post', 'body')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/community/{collection}/{id}/hide', 'post', 'reason')).toBe(
      nonBlankPattern,
    );
    expect(queryField('/api/v1/admin/community/{collection}/{id}', 'delete', 'reason')).toBe(nonBlankPattern);
  });
});
