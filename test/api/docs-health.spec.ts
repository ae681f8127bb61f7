import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi } from '../support/api';

describe('docs and health (no token)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi('sqlite::memory:');
  });
  afterAll(() => api.close());

  it('serves an OpenAPI 3.1 document built from the domain schemas', async () => {
    const reply = await call(api, 'GET', '/api/docs/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/commands',
        '/api/v1/imports',
        '/api/v1/departments/{code}/progress',
        '/api/v1/projects/{id}/progress',
        '/api/v1/projects/{id}/events',
        '/api/v1/departments/{code}/checkpoints',
        '/api/v1/departments/{code}/alerts',
        '/api/v1/alerts/{id}/acknowledge',
        '/api/v1/alerts/{id}/disposition',
        '/api/v1/departments/{code}/evaluation',
      ]),
    );
    const payment = reply.body.components.schemas.RecordPayment;
    expect(payment.required).toEqual(expect.arrayContaining(['command', 'id', 'projectId', 'paymentId', 'occurredOn', 'amount']));
    expect(payment.properties.amount.type).toBe('string');
    const query = reply.body.paths['/api/v1/departments/{code}/progress'].get.parameters;
    expect(query.find((p: { name: string }) => p.name === 'year')).toMatchObject({ in: 'query', required: true });
  });

  it('serves a minimal HTML page at /api/docs', async () => {
    const reply = await call(api, 'GET', '/api/docs');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toContain('text/html');
    expect(reply.body).toContain('/api/docs/openapi.json');
  });

  it('GET /health answers ok without Redis configured', async () => {
    const reply = await call(api, 'GET', '/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', store: 'ok', redis: 'not configured' });
  });
});

describe('health with a failing dependency', () => {
  it('503 when Redis does not answer', async () => {
    const api = await startApi();
    const saved = process.env.BEM_REDIS_URL;
    process.env.BEM_REDIS_URL = 'redis://127.0.0.1:1';
    try {
      const reply = await call(api, 'GET', '/health');
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ status: 'error', store: 'ok', redis: 'error' });
    } finally {
      if (saved === undefined) delete process.env.BEM_REDIS_URL;
      else process.env.BEM_REDIS_URL = saved;
      await api.close();
    }
  });
});
