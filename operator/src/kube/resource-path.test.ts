import { describe, expect, it } from 'vitest';
import { queryString, resourcePath, resourceTypes } from './resource-path.js';

const ticketEvents = { group: 'urr.guru', version: 'v1alpha1', plural: 'ticketevents' };

describe('REST paths of the apiserver', () => {
  it('names a namespaced object, its status subresource and its collections', () => {
    expect(resourcePath(ticketEvents, { namespace: 'sales', name: 'night', subresource: 'status' })).toBe(
      '/apis/urr.guru/v1alpha1/namespaces/sales/ticketevents/night/status',
    );
    expect(resourcePath(ticketEvents, { namespace: 'sales' })).toBe(
      '/apis/urr.guru/v1alpha1/namespaces/sales/ticketevents',
    );
    expect(resourcePath(ticketEvents)).toBe('/apis/urr.guru/v1alpha1/ticketevents');
  });

  it('puts the core group under /api and cluster-scoped objects outside namespaces', () => {
    expect(resourcePath(resourceTypes.namespaces, { name: 'urr' })).toBe('/api/v1/namespaces/urr');
    expect(resourcePath(resourceTypes.customResourceDefinitions, { name: 'ticketevents.urr.guru' })).toBe(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/ticketevents.urr.guru',
    );
  });

  it('builds a query of the parameters that have a value, escaped', () => {
    expect(
      queryString({ labelSelector: 'kubernetes.io/service-name=gw', limit: 500, continue: undefined }),
    ).toBe('?labelSelector=kubernetes.io%2Fservice-name%3Dgw&limit=500');
    expect(queryString({ force: undefined })).toBe('');
  });
});
