import { nonBlankPattern } from '@urr/common';
import { describe, expect, it } from 'vitest';
import { ticketOpenApiDocument } from './openapi-document.js';

type Schema = { properties?: Record<string, { pattern?: string }> };
type Operation = { requestBody?: { content: { 'application/json': { schema: Schema } } } };

describe('the ticket document', () => {
  it('tells a client (or a fuzzer) that the names and titles an organiser writes are never blank', async () => {
    const paths = ((await ticketOpenApiDocument()) as { paths: Record<string, Record<string, Operation>> })
      .paths;
    const bodyField = (path: string, method: string, field: string) =>
      paths[path]?.[method]?.requestBody?.content['application/json'].schema.properties?.[field]?.pattern;

    expect(bodyField('/api/v1/admin/venues', 'post', 'name')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/artists', 'post', 'name')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/events', 'post', 'title')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/events', 'post', 'category')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/events/{id}', 'patch', 'title')).toBe(nonBlankPattern);
    expect(bodyField('/api/v1/admin/ticket-types', 'post', 'name')).toBe(nonBlankPattern);
  });
});
