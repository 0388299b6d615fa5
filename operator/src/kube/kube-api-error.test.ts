import { describe, expect, it } from 'vitest';
import {
  describeKubeError,
  isConflict,
  isNamespaceTerminating,
  isNotFound,
  statusCodeOf,
} from '../kube-errors.js';
import { KubeApiError, parseErrorBody } from './kube-api-error.js';

const status = (code: number, reason: string, message: string, details?: object) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  reason,
  message,
  ...(details ? { details } : {}),
});

describe('apiserver refusals as errors', () => {
  it('keep the status code, the reason and the message of the Status object', () => {
    const error = new KubeApiError(404, status(404, 'NotFound', 'leases "x" not found'), 'GET', '/apis/x');
    expect(error.statusCode).toBe(404);
    expect(error.reason).toBe('NotFound');
    expect(error.statusMessage).toBe('leases "x" not found');
    expect(error.message).toBe('GET /apis/x: HTTP 404: leases "x" not found');
    expect(statusCodeOf(error)).toBe(404);
    expect(isNotFound(error)).toBe(true);
    expect(isConflict(error)).toBe(false);
    expect(describeKubeError(error)).toBe('HTTP 404: leases "x" not found');
  });

  it('keep a body that is not JSON as its text', () => {
    const error = new KubeApiError(502, parseErrorBody('<html>bad gateway</html>'), 'PATCH', '/apis/y');
    expect(error.body).toBe('<html>bad gateway</html>');
    expect(error.statusMessage).toBeUndefined();
    expect(describeKubeError(error)).toBe('HTTP 502');
  });

  it('tell a conflict, and a create refused in a terminating namespace from other 403s', () => {
    expect(isConflict(new KubeApiError(409, status(409, 'Conflict', 'changed'), 'PUT', '/l'))).toBe(true);
    const terminating = status(403, 'Forbidden', 'namespace x is being terminated', {
      causes: [{ reason: 'NamespaceTerminating', message: 'namespace x is being terminated' }],
    });
    expect(isNamespaceTerminating(new KubeApiError(403, terminating, 'PATCH', '/h'))).toBe(true);
    expect(
      isNamespaceTerminating(new KubeApiError(403, status(403, 'Forbidden', 'rbac'), 'PATCH', '/h')),
    ).toBe(false);
  });

  it('leave errors that never reached the apiserver without a status code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(statusCodeOf(refused)).toBeUndefined();
    expect(isNotFound(refused)).toBe(false);
    expect(describeKubeError(refused)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});
