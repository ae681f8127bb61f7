import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, seedDepartment, startApi, tokenFor } from '../support/api';
import { fixture, freshStore } from '../support/cli';

describe('dashboard read routes (/me, /departments, curve, sources, profiles)', () => {
  let api: RunningApi;
  let admin: string;
  let clerk: string;
  let auditor: string;
  beforeAll(async () => {
    api = await startApi(freshStore());
    admin = await tokenFor(api, 'admin', '*');
    clerk = await tokenFor(api, 'clerk', ['sc-ybj']);
    auditor = await tokenFor(api, 'auditor', '*');
    const imported = await call(api, 'POST', '/api/v1/imports?format=jsonl', { token: admin, body: readFileSync(fixture('sichuan-2020.jsonl'), 'utf8') });
    expect(imported.status).toBe(201);
    await seedDepartment(api, admin, 'other');
  });
  afterAll(() => api.close());
  const get = (path: string, token = admin) => call(api, 'GET', path, { token });

  it('GET /me names the role, departments, what it may do and the years in scope', async () => {
    expect((await get('/api/v1/me', clerk)).body).toMatchObject({
      role: 'clerk', departments: ['sc-ybj'], may: { read: true, write: true, handleAlerts: false }, years: [2020], defaultYear: 2020,
    });
    expect((await get('/api/v1/me', auditor)).body).toMatchObject({ role: 'auditor', departments: '*', may: { write: false, handleAlerts: false }, years: [2021, 2020] });
    expect((await call(api, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('GET /departments ranks the departments of the scope by progress, with 序时进度 and the last checkpoint', async () => {
    const all = await get('/api/v1/departments?year=2020&profile=sichuan-2020');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ year: 2020, years: [2021, 2020], asOf: '2020-12-31', elapsed: '100.00', profile: { name: 'sichuan-2020' } });
    // sc-szyb (各市（州）医疗保障局) holds the 转移支付 programs of seed 002 that sc-ybj passes down: paid in full by 12-31
    expect(all.body.departments.map((d: { code: string }) => d.code)).toEqual(['sc-szyb', 'sc-ybj', 'other']);
    const scYbj = (body: { departments: { code: string }[] }) => body.departments.find((d) => d.code === 'sc-ybj');
    // its 6 own projects and the 3 转移支付 projects it passes down whole (budget 0: the figures stay the department's own)
    expect(scYbj(all.body)).toMatchObject({
      name: '四川省医疗保障局', projects: 9, executionRate: '28.87', checkpoint: { label: '11月', date: '2020-11-30', progress: '23.48', target: '82.50', status: 'red' },
    });
    const june = await get('/api/v1/departments?year=2020&asOf=2020-06-30&profile=sichuan-2020');
    expect(june.body).toMatchObject({ elapsed: '50.00' });
    expect(scYbj(june.body)).toMatchObject({ executionRate: '23.63', checkpoint: { label: '6月', status: 'red' } });
    const mine = await get('/api/v1/departments', clerk);
    expect([mine.body.year, mine.body.departments.map((d: { code: string }) => d.code)]).toEqual([2020, ['sc-ybj']]);
    expect((await get('/api/v1/departments?year=20x0')).status).toBe(400);
    expect((await get('/api/v1/departments?profile=nope')).status).toBe(400);
  });

  it('GET /departments/:code/curve gives 12 month-end points matching the progress view, with lines of the profile', async () => {
    const reply = await get('/api/v1/departments/sc-ybj/curve?year=2020&profile=sichuan-2020');
    expect(reply.status).toBe(200);
    const { points, elapsed, checkpoints } = reply.body;
    expect(points).toHaveLength(12);
    expect(points[5]).toMatchObject({ date: '2020-06-30', budgetCurrent: '128521000.00', paid: '30367300.00', executionRate: '23.63' });
    expect(points[8]).toMatchObject({ executionRate: '32.05' });
    expect(points[10]).toMatchObject({ executionRate: '23.48' });
    expect(points[11]).toMatchObject({ executionRate: '28.87' });
    expect(elapsed.map((e: { percent: string }) => e.percent).slice(5, 6)).toEqual(['50.00']);
    expect(checkpoints.map((c: { date: string; target: string; alertLine: string }) => [c.date, c.target, c.alertLine])).toEqual([
      ['2020-06-30', '40.00', '32.00'],
      ['2020-09-30', '67.50', '54.00'],
      ['2020-11-30', '82.50', '66.00'],
    ]);
    for (const point of points) {
      const progress = await get(`/api/v1/departments/sc-ybj/progress?year=2020&asOf=${point.date}`);
      expect([point.budgetCurrent, point.paid, point.arrived]).toEqual([progress.body.budgetCurrent, progress.body.paid, progress.body.arrived]);
    }
    const perProject = await get('/api/v1/departments/sc-ybj/curve?year=2020&perProject=true');
    expect(perProject.body.projects['sc-2020-capacity'][11]).toMatchObject({ paid: '1140000.00', executionRate: '81.72' });
    const before = await get('/api/v1/departments/sc-ybj/curve?year=2020&knownAt=2000-01-01T00:00:00Z');
    expect(before.body.points[11]).toMatchObject({ budgetCurrent: '0.00', paid: '0.00', executionRate: null });
    const cut = await get('/api/v1/departments/sc-ybj/curve?year=2020&asOf=2020-07-15');
    expect(cut.body.points).toHaveLength(7);
  });

  it('GET /projects/:id/curve and /departments/:code/sources; scope is enforced', async () => {
    const project = await get('/api/v1/projects/sc-2020-capacity/curve?profile=national');
    expect(project.body).toMatchObject({ projectId: 'sc-2020-capacity', departmentCode: 'sc-ybj', profile: { name: 'national' } });
    expect(project.body.points[11]).toMatchObject({ budgetCurrent: '1395000.00', executionRate: '81.72' });
    const sources = await get('/api/v1/departments/sc-ybj/sources?year=2020');
    expect(sources.body.sources.find((s: { source: string }) => s.source === 'central')).toMatchObject({ label: '中央', issued: '158080000.00' });
    expect((await get('/api/v1/departments/other/curve?year=2021', clerk)).status).toBe(403);
    expect((await get('/api/v1/projects/other-2021-p1/curve', clerk)).status).toBe(404); // as for an unknown project
    expect((await get('/api/v1/departments/nope/curve?year=2020')).status).toBe(404);
    const profiles = await get('/api/v1/profiles', clerk);
    expect(profiles.body.profiles.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['national', 'sichuan-2020', 'sichuan-2025']));
    const docs = await call(api, 'GET', '/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/departments', '/api/v1/departments/{code}/curve']));
  });
});
