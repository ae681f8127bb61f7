import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, seedDepartment, startApi, tokenFor } from '../support/api';

describe('a store whose write lock another process holds (a large `bem import`)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bem-busy-'));
  const file = join(dir, 'bem.sqlite');
  let api: RunningApi;
  let admin: string;
  let projectId: string;
  beforeAll(async () => {
    api = await startApi(file);
    admin = await tokenFor(api, 'admin', '*');
    projectId = await seedDepartment(api, admin, 'busy-d', '1000.00');
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After once busy_timeout has passed, writes nothing, and the same request succeeds later', async () => {
    const body = { command: 'RecordPayment', id: 'busy-pay-1', projectId, paymentId: 'busy-pay-1', occurredOn: '2021-03-01', amount: '12.00' };
    const importer = new Database(file);
    importer.exec('BEGIN IMMEDIATE');
    try {
      const busy = await call(api, 'POST', '/api/v1/commands', { token: admin, body, headers: { 'Idempotency-Key': 'busy-pay-1' } });
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ status: 503, title: '账本正忙 / store busy' });
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
    }
    const progress = await call(api, 'GET', `/api/v1/projects/${projectId}/progress`, { token: admin });
    expect(progress.body.paid).toBe('0.00');
    const retried = await call(api, 'POST', '/api/v1/commands', { token: admin, body, headers: { 'Idempotency-Key': 'busy-pay-1' } });
    expect(retried.status).toBe(201);
  }, 30_000);
});
