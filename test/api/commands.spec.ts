import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, seedDepartment, startApi, tokenFor } from '../support/api';

describe('POST /api/v1/commands', () => {
  let api: RunningApi;
  let admin: string;
  let projectId: string;
  beforeAll(async () => {
    api = await startApi();
    admin = await tokenFor(api, 'admin', '*');
    projectId = await seedDepartment(api, admin, 'kf-ybj', '1000.00');
  });
  afterAll(() => api.close());

  const post = (body: unknown, headers: Record<string, string> = {}) => call(api, 'POST', '/api/v1/commands', { token: admin, body, headers });
  const payment = (id: string, amount: string) => ({ command: 'RecordPayment', id, projectId, paymentId: id, occurredOn: '2021-03-01', amount });

  it('appends a command and answers 201 with event ids, revision and status', async () => {
    const reply = await post(payment('pay-1', '400'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ commandId: 'pay-1', status: 'appended', stream: `project-${projectId}`, revision: 2 });
    expect(reply.body.eventIds).toHaveLength(1);
  });

  it('400 lists every field issue', async () => {
    const reply = await post({ command: 'RecordPayment', id: 'bad-1', projectId, occurredOn: '2021-02-30', amount: 12.5 });
    expect(reply.status).toBe(400);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body.title).toBe('输入无效 / invalid input');
    const fields = reply.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['amount', 'occurredOn', 'paymentId']);
  });

  it('400 for an unknown command, a body that is not JSON, and an empty body', async () => {
    expect((await post({ command: 'Frobnicate', id: 'x' })).body.errors[0].field).toBe('command');
    const notJson = await call(api, 'POST', '/api/v1/commands', { token: admin, body: '{nope', headers: { 'content-type': 'application/json' } });
    expect([notJson.status, notJson.body.errors[0].field]).toEqual([400, '(json)']);
    expect((await call(api, 'POST', '/api/v1/commands', { token: admin })).status).toBe(400);
  });

  it('404 for an unknown project', async () => {
    const reply = await post({ ...payment('pay-x', '1.00'), projectId: 'nope' });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ status: 404, code: 'UNKNOWN_PROJECT', field: 'projectId' });
  });

  it('409 with the figures when a payment exceeds the available budget', async () => {
    const reply = await post(payment('pay-2', '700.00'));
    expect(reply.status).toBe(409);
    expect(reply.body.code).toMatch(/EXCEED/);
    expect(reply.body.field).toBe('amount');
    expect(Object.values(reply.body.details)).toEqual(expect.arrayContaining(['700.00']));
    expect(JSON.stringify(reply.body.details)).toContain('600.00');
  });

  it('a refused overspend reaches the manager as one alert per project and month, with the figures', async () => {
    expect((await post(payment('pay-3', '650.00'))).status).toBe(409);
    expect((await post({ ...payment('pay-4', '900.00'), occurredOn: '2021-03-20' })).status).toBe(409);
    const alerts = await call(api, 'GET', '/api/v1/departments/kf-ybj/alerts?year=2021', { token: admin });
    const refused = alerts.body.alerts.filter((alert: { rule: string }) => alert.rule === 'overspendAttempt');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ severity: 'yellow', projectId, checkpoint: '2021-03', status: 'open' });
    expect(refused[0].figures).toMatchObject({ paymentId: 'pay-2', requested: '700.00', available: '600.00', budget: '1000.00', paid: '400.00' });
    const april = await post({ ...payment('pay-5', '601.00'), occurredOn: '2021-04-02' });
    expect(april.status).toBe(409);
    const after = await call(api, 'GET', '/api/v1/departments/kf-ybj/alerts?year=2021', { token: admin });
    expect(after.body.alerts.filter((alert: { rule: string }) => alert.rule === 'overspendAttempt').map((a: { checkpoint: string }) => a.checkpoint)).toEqual(['2021-03', '2021-04']);
  });

  it('Idempotency-Key: the key is the command id and a retry returns the original result', async () => {
    const body = { command: 'RecordFundsArrival', projectId, occurredOn: '2021-02-01', amount: '100.00' };
    const first = await post(body, { 'Idempotency-Key': 'arrival-key-1' });
    const retry = await post(body, { 'Idempotency-Key': 'arrival-key-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ commandId: 'arrival-key-1', status: 'appended' });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ commandId: 'arrival-key-1', status: 'duplicate', eventIds: first.body.eventIds, revision: first.body.revision });
    const events = await call(api, 'GET', `/api/v1/projects/${projectId}/events`, { token: admin });
    expect(events.body.events.filter((e: { type: string }) => e.type === 'FundsArrived')).toHaveLength(1);
  });

  it('Idempotency-Key reused with different content: 409 COMMAND_ID_CONFLICT', async () => {
    const body = { command: 'RecordFundsArrival', projectId, occurredOn: '2021-02-01', amount: '50.00' };
    expect((await post(body, { 'Idempotency-Key': 'arrival-key-2' })).status).toBe(201);
    const reused = await post({ ...body, amount: '51.00' }, { 'Idempotency-Key': 'arrival-key-2' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('COMMAND_ID_CONFLICT');
  });

  it('401 without a token or with an unknown one', async () => {
    const none = await call(api, 'POST', '/api/v1/commands', { body: payment('p-401', '1.00') });
    const bad = await call(api, 'POST', '/api/v1/commands', { token: 'bem_not-a-token', body: payment('p-401', '1.00') });
    expect([none.status, bad.status]).toEqual([401, 401]);
    expect(none.body.type).toContain('unauthenticated');
  });

  it('an unknown route is a 404 problem', async () => {
    const reply = await call(api, 'GET', '/api/v1/nothing-here', { token: admin });
    expect(reply.status).toBe(404);
    expect(reply.contentType).toContain('application/problem+json');
  });
});
