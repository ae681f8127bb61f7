import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@bem/auth';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, seedDepartment, startApi, tokenFor } from '../support/api';

/**
 * The scope matrix: each role with a token for department A, against A (own) and B (other).
 * `read` covers progress, events, checkpoints and alerts; the self-evaluation answers 200 once the checks
 * pass, 403 otherwise; `alerts` is acknowledging and disposing a real alert of that department.
 */
type Expect = { read: number; write: number; evaluation: number; alerts: number };
const MATRIX: Record<Role, { own: Expect; other: Expect }> = {
  clerk: { own: { read: 200, write: 201, evaluation: 200, alerts: 403 }, other: { read: 403, write: 403, evaluation: 403, alerts: 403 } },
  manager: { own: { read: 200, write: 403, evaluation: 200, alerts: 200 }, other: { read: 403, write: 403, evaluation: 403, alerts: 403 } },
  auditor: { own: { read: 200, write: 403, evaluation: 200, alerts: 403 }, other: { read: 200, write: 403, evaluation: 200, alerts: 403 } },
  admin: { own: { read: 200, write: 201, evaluation: 200, alerts: 200 }, other: { read: 200, write: 201, evaluation: 200, alerts: 200 } },
};

describe('roles × departments', () => {
  let api: RunningApi;
  const projects: Record<string, string> = {};
  const alertOf: Record<string, string> = {};
  const tokens = {} as Record<Role, string>;
  let counter = 0;
  beforeAll(async () => {
    api = await startApi();
    const admin = await tokenFor(api, 'admin', '*');
    projects.da = await seedDepartment(api, admin, 'da');
    projects.db = await seedDepartment(api, admin, 'db');
    // Checkpoints evaluated as the scheduler would in October: nothing paid, so alerts are raised.
    for (const code of ['da', 'db']) {
      await api.runtime.checkpoints.evaluate(code, 2021, undefined, { now: new Date('2021-10-15T02:00:00Z') });
      alertOf[code] = (await api.runtime.alerts.list(code, 2021)).alerts[0].id;
    }
    for (const role of Object.keys(MATRIX) as Role[]) tokens[role] = await tokenFor(api, role, role === 'admin' ? '*' : ['da']);
  });
  afterAll(() => api.close());

  const arrival = (code: string) => ({
    command: 'RecordFundsArrival',
    id: `arr-${++counter}`,
    projectId: projects[code],
    occurredOn: '2021-02-01',
    amount: '1.00',
  });

  async function statuses(token: string, code: string) {
    const get = (path: string) => call(api, 'GET', path, { token }).then((r) => r.status);
    const reads = [
      await get(`/api/v1/departments/${code}/progress?year=2021`),
      await get(`/api/v1/projects/${projects[code]}/progress`),
      await get(`/api/v1/projects/${projects[code]}/events`),
      await get(`/api/v1/departments/${code}/checkpoints?year=2021`),
      await get(`/api/v1/departments/${code}/alerts?year=2021`),
    ];
    const writes = [
      (await call(api, 'POST', '/api/v1/commands', { token, body: arrival(code) })).status,
      (await call(api, 'POST', '/api/v1/imports', { token, body: JSON.stringify(arrival(code)), headers: { 'content-type': 'application/x-ndjson' } })).status,
    ];
    const evaluation = await get(`/api/v1/departments/${code}/evaluation?year=2021`);
    const alerts = [
      (await call(api, 'POST', `/api/v1/alerts/${alertOf[code]}/acknowledge`, { token, body: {} })).status,
      (await call(api, 'POST', `/api/v1/alerts/${alertOf[code]}/disposition`, { token, body: { disposition: '继续执行' } })).status,
    ];
    return { reads, writes, evaluation, alerts };
  }

  for (const role of Object.keys(MATRIX) as Role[]) {
    for (const side of ['own', 'other'] as const) {
      it(`${role} on the ${side} department`, async () => {
        const expected = MATRIX[role][side];
        const got = await statuses(tokens[role], side === 'own' ? 'da' : 'db');
        // Out of scope, a project-addressed request answers exactly as for an unknown project (nothing revealed):
        // 404 for reads and commands, and an import names the line as it would an unknown project (400).
        const hidden = expected.read === 403;
        expect(got).toEqual({
          reads: hidden ? [403, 404, 404, 403, 403] : Array(5).fill(expected.read),
          // a successful import answers 201 like a command
          writes: hidden && role === 'clerk' ? [404, 400] : [expected.write, expected.write],
          evaluation: expected.evaluation,
          alerts: [expected.alerts, expected.alerts],
        });
      });
    }
  }

  it('a clerk may register a department only within their scope', async () => {
    const post = (code: string) =>
      call(api, 'POST', '/api/v1/commands', { token: tokens.clerk, body: { command: 'RegisterDepartment', id: `reg-${code}`, departmentCode: code, name: code } });
    expect((await post('da')).status).toBe(409); // in scope; already registered
    expect((await post('dc')).status).toBe(403);
  });

  it('a clerk import with rows of another department is refused whole, that row named as an unknown project would be', async () => {
    const before = (await call(api, 'GET', `/api/v1/projects/${projects.da}/progress`, { token: tokens.clerk })).body.arrived;
    const file = [arrival('da'), arrival('db')].map((line) => JSON.stringify(line)).join('\n');
    const reply = await call(api, 'POST', '/api/v1/imports?format=jsonl', { token: tokens.clerk, body: file });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ line: 2 })]);
    const progress = await call(api, 'GET', `/api/v1/projects/${projects.da}/progress`, { token: tokens.clerk });
    expect(progress.body.arrived).toBe(before);
  });

  it('the evaluation document carries the contract fields', async () => {
    const reply = await call(api, 'GET', '/api/v1/departments/da/evaluation?year=2021', { token: tokens.admin });
    // no indicator of its own: the 90 points of 绩效指标 are pending, so no grade yet (never 差 for what nobody scored)
    expect(reply.body).toMatchObject({ profile: 'national', totalScore: expect.any(String), grade: null, pending: { items: ['产出指标', '效益指标', '满意度指标'], weight: '90.00' }, sections: expect.any(Array), indicators: [], findings: expect.any(Array) });
  });

  it('monitoring routes: 400 for bad input, 404 for an unknown alert, 409 for a different second disposition', async () => {
    const token = tokens.admin;
    expect((await call(api, 'GET', '/api/v1/departments/da/checkpoints', { token })).body.errors[0].field).toBe('year');
    expect((await call(api, 'GET', '/api/v1/departments/da/checkpoints?year=2021&profile=nope', { token })).status).toBe(400);
    expect((await call(api, 'GET', '/api/v1/departments/da/evaluation?year=2021&format=exe', { token })).status).toBe(400);
    const empty = await call(api, 'POST', `/api/v1/alerts/${alertOf.da}/disposition`, { token, body: {} });
    expect([empty.status, empty.body.errors[0].field]).toEqual([400, 'disposition']);
    const wrong = await call(api, 'POST', `/api/v1/alerts/${alertOf.da}/disposition`, { token, body: { disposition: '暂缓' } });
    expect([wrong.status, wrong.body.errors[0].field]).toEqual([400, 'disposition']);
    const unknown = await call(api, 'POST', '/api/v1/alerts/no-such-alert/acknowledge', { token });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'UNKNOWN_ALERT']);
    const changed = await call(api, 'POST', `/api/v1/alerts/${alertOf.da}/disposition`, { token, body: { disposition: '取消' } });
    expect([changed.status, changed.body.code]).toEqual([409, 'ALERT_ALREADY_DISPOSED']);
  });

  it('the alert inbox and checkpoints documents', async () => {
    const alerts = await call(api, 'GET', '/api/v1/departments/da/alerts?year=2021', { token: tokens.manager });
    const row = alerts.body.alerts.find((alert: { id: string }) => alert.id === alertOf.da);
    expect(row).toMatchObject({ status: 'disposed', rule: expect.any(String), figures: expect.any(Object) });
    const checkpoints = await call(api, 'GET', '/api/v1/departments/da/checkpoints?year=2021', { token: tokens.auditor });
    expect(checkpoints.body).toMatchObject({ profile: expect.any(String), checkpoints: expect.any(Array) });
  });
});
