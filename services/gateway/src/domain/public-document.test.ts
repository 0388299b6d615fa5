import { describe, expect, it } from 'vitest';
import { publicDocument } from './public-document.js';

// biome-ignore lint/suspicious/noExplicitAny: walking JSON documents
type Json = any;

const pageOf = (item: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } } },
});
const listing = (page: string) => ({
  get: {
    responses: {
      200: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${page}` } } } },
    },
  },
});
const serviceDocument = (path: string, artist: Json) => ({
  paths: { [path]: listing('ArtistPage') },
  components: { schemas: { ArtistPage: pageOf('Artist'), Artist: artist } },
});

/** The item schema a path's 200 answer lists, following the references. */
function listedItem(document: Json, path: string): Json {
  const name = (ref: string) => ref.replace('#/components/schemas/', '');
  const page =
    document.components.schemas[
      name(document.paths[path].get.responses[200].content['application/json'].schema.$ref)
    ];
  return document.components.schemas[name(page.properties.items.items.$ref)];
}

describe('publicDocument', () => {
  it('keeps two services’ same-named schemas apart, those that only refer to a differing one included', () => {
    const ticketArtist = { type: 'object', properties: { genre: { type: 'string' } }, required: ['genre'] };
    const catalogArtist = {
      type: 'object',
      properties: { eventCount: { type: 'integer' } },
      required: ['eventCount'],
    };
    const document = publicDocument([
      { service: 'ticket', document: serviceDocument('/api/v1/admin/artists', ticketArtist) },
      { service: 'catalog', document: serviceDocument('/api/v1/artists', catalogArtist) },
    ]);
    expect(listedItem(document, '/api/v1/admin/artists')).toEqual(ticketArtist);
    expect(listedItem(document, '/api/v1/artists')).toEqual(catalogArtist);
  });

  it('shares a schema two services define alike', () => {
    const artist = { type: 'object', properties: { name: { type: 'string' } } };
    const document = publicDocument([
      { service: 'ticket', document: serviceDocument('/api/v1/admin/artists', artist) },
      { service: 'catalog', document: serviceDocument('/api/v1/artists', artist) },
    ]);
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Artist', 'ArtistPage']);
  });
});
