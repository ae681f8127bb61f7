import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { bem, fixture, freshStore, json } from '../support/cli';

describe('progress and audit routes (sichuan-2020 imported through the API)', () => {
  let api: RunningApi;
  let admin: string;
  const store = freshStore();
  beforeAll(async () => {
    api = await startApi(store);
    admin = await tokenFor(api, 'admin', '*');
    const imported = await call(api, 'POST', '/api/v1/imports?format=jsonl', {
      token: admin,
      body: readFileSync(fixture('sichuan-2020.jsonl'), 'utf8'),
    });
    expect(imported.status).toBe(201);
  });
  afterAll(() => api.close());
  const get = (path: string) => call(api, 'GET', path, { token: admin });

  it('GET /departments/:code/progress is exactly the `bem progress --json` document', async () => {
    const reply = await get('/api/v1/departments/sc-ybj/progress?year=2020&asOf=2020-06-30');
    expect(reply.status).toBe(200);
    const cli = json(await bem(store, 'progress', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-06-30', '--json'));
    expect(reply.body).toEqual(cli);
    expect(reply.body).toMatchObject({ budgetCurrent: '128521000.00', paid: '30367300.00', executionRate: '23.63' });
  });

  it('knownAt before the import shows nothing known yet', async () => {
    const reply = await get('/api/v1/departments/sc-ybj/progress?year=2020&knownAt=2000-01-01T00:00:00Z');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ knownAt: '2000-01-01T00:00:00.000Z', paid: '0.00', projects: [] });
  });

  it('GET /projects/:id/progress gives one project without a projects list', async () => {
    const reply = await get('/api/v1/projects/sc-2020-capacity/progress?asOf=2020-12-31');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ projectId: 'sc-2020-capacity', budgetCurrent: '1395000.00', paid: '1140000.00', executionRate: '81.72' });
    expect(reply.body.projects).toBeUndefined();
  });

  it('GET /projects/:id/events is the audit view with full envelopes', async () => {
    const reply = await get('/api/v1/projects/sc-2020-capacity/events');
    expect(reply.status).toBe(200);
    const [first] = reply.body.events;
    expect(Object.keys(first).sort()).toEqual(['data', 'id', 'metadata', 'position', 'recordedAt', 'revision', 'type']);
    expect(first).toMatchObject({ type: 'ProjectRegistered', revision: 0, metadata: { source: 'api-import:upload.jsonl' } });
    expect(reply.body.events.map((e: { revision: number }) => e.revision)).toEqual(reply.body.events.map((_: unknown, i: number) => i));
  });

  it('400 names the bad query parameters', async () => {
    const missing = await get('/api/v1/departments/sc-ybj/progress');
    expect([missing.status, missing.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['year']]);
    const bad = await get('/api/v1/departments/sc-ybj/progress?year=20x0&asOf=2020-02-30&knownAt=yesterday');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'knownAt', 'year']);
    const project = await get('/api/v1/projects/sc-2020-capacity/progress?asOf=2020-13-01');
    expect([project.status, project.body.errors[0].field]).toEqual([400, 'asOf']);
  });

  it('404 for an unknown department or project', async () => {
    const department = await get('/api/v1/departments/nope/progress?year=2020');
    expect([department.status, department.body.code]).toEqual([404, 'UNKNOWN_DEPARTMENT']);
    expect((await get('/api/v1/projects/nope/progress')).status).toBe(404);
    expect((await get('/api/v1/projects/nope/events')).status).toBe(404);
  });
});
