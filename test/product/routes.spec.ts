import { todayInChina } from '@bem/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';

/**
 * Every read and alert route of `npm start` over the demo it seeds (sc-ybj 2020, checkpoints evaluated on the
 * first start), at least once, as the dashboard and users' scripts call them. Downloads, imports, tokens and the
 * security rules have their own files beside this one.
 */
describe('the routes of the started product', () => {
  let product: StartedProduct;
  let admin: string;
  let manager: string;
  beforeAll(async () => {
    product = await startProduct();
    admin = await productToken(product);
    manager = await productToken(product, 'manager', 'sc-ybj');
  }, 120_000);
  afterAll(() => product?.stop());

  const get = async (path: string, token = admin) => {
    const reply = await http(product.url, 'GET', path, { token });
    expect(reply.status, `${path}: ${reply.text().slice(0, 300)}`).toBe(200);
    return reply;
  };

  it('/health, /api/docs (page, script, OpenAPI) and the dashboard need no token', async () => {
    expect((await get('/health', '')).json()).toMatchObject({ status: 'ok', store: 'ok' });
    expect((await get('/api/docs', '')).text()).toContain('/api/docs/routes.js');
    expect((await get('/api/docs/routes.js', '')).contentType).toContain('javascript');
    const openapi = (await get('/api/docs/openapi.json', '')).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/commands', '/api/v1/imports', '/api/v1/tokens', '/api/v1/tokens/{id}/revoke']));
    expect((await get('/', '')).text()).toContain('预算执行监控');
    expect((await http(product.url, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('progress of the department, of a project (as of, known at), and its audit trail', async () => {
    const department = (await get('/api/v1/departments/sc-ybj/progress?year=2020&asOf=2020-06-30')).json();
    expect(department).toMatchObject({ asOf: '2020-06-30', department: { code: 'sc-ybj', name: '四川省医疗保障局' }, fiscalYear: 2020 });
    expect(department.projects).toHaveLength(6);
    const project = (await get('/api/v1/projects/sc-2020-capacity/progress?asOf=2020-12-31')).json();
    expect(project.projectId).toBe('sc-2020-capacity');
    const before = (await get(`/api/v1/projects/sc-2020-capacity/progress?knownAt=2000-01-01T00:00:00Z`)).json();
    expect(before.paid).toBe('0.00');
    const events = (await get('/api/v1/projects/sc-2020-capacity/events')).json();
    expect(JSON.stringify(events)).toContain('ProjectRegistered');
  });

  it('checkpoints and alerts; a manager acknowledges and disposes an alert', async () => {
    const checkpoints = (await get('/api/v1/departments/sc-ybj/checkpoints?year=2020&profile=national')).json();
    expect(checkpoints.checkpoints.map((c: { date: string }) => c.date)).toEqual(['2020-06-30', '2020-09-30', '2020-11-30']);
    const alerts = (await get('/api/v1/departments/sc-ybj/alerts?year=2020', manager)).json();
    expect(alerts.alerts.length).toBeGreaterThan(0);
    const id = alerts.alerts[0].id as string;
    const ack = await http(product.url, 'POST', `/api/v1/alerts/${id}/acknowledge`, { token: manager, body: { note: '已知悉' } });
    expect(ack.status, ack.text()).toBe(200);
    const disposed = await http(product.url, 'POST', `/api/v1/alerts/${id}/disposition`, { token: manager, body: { disposition: '继续执行', note: '按计划推进' } });
    expect(disposed.status, disposed.text()).toBe(200);
    const after = (await get('/api/v1/departments/sc-ybj/alerts?year=2020', manager)).json();
    expect(after.alerts.find((a: { id: string }) => a.id === id).status).toBe('disposed');
  });

  it('the dashboard routes: me, profiles, departments, curves, fund sources, available budget', async () => {
    // the demo seeds the current fiscal year beside the 2020 history
    const thisYear = Number(todayInChina().slice(0, 4));
    expect((await get('/api/v1/me', manager)).json()).toMatchObject({ role: 'manager', departments: ['sc-ybj'], years: [thisYear, 2020], defaultYear: thisYear });
    expect(JSON.stringify((await get('/api/v1/profiles')).json())).toContain('national');
    expect((await get('/api/v1/departments?year=2020')).json().departments[0].code).toBe('sc-ybj');
    expect((await get('/api/v1/departments/sc-ybj/curve?year=2020')).json()).toBeTruthy();
    expect((await get('/api/v1/projects/sc-2020-capacity/curve')).json()).toBeTruthy();
    expect(JSON.stringify((await get('/api/v1/departments/sc-ybj/sources?year=2020')).json())).toContain('中央');
    expect((await get('/api/v1/projects/sc-2020-capacity/available')).json()).toBeTruthy();
  });

  it('region progress and the year-end balances', async () => {
    const region = (await get('/api/v1/departments/sc-ybj/progress?year=2020&scope=region')).json();
    expect(JSON.stringify(region)).toContain('sc-ybj');
    const yearEnd = (await get('/api/v1/departments/sc-ybj/yearend?year=2020')).json();
    expect(JSON.stringify(yearEnd)).toContain('sc-2020-capacity');
  });

  it('bad input is answered precisely: 400 naming the field, 404 naming the department', async () => {
    const bad = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=20x0', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('year');
    const unknown = await http(product.url, 'GET', '/api/v1/departments/sc-ybi/progress?year=2020', { token: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.text()).toContain('sc-ybi');
  });
});
