import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, bem, http, productToken, startProduct } from '../support/product';

/** The alert inbox routes of the started product (demo store: sc-ybj 2020 under sichuan-2020). */
describe('alert inbox API: { total, alerts }, filters, grouping, bulk acknowledge (npm start)', () => {
  let product: StartedProduct;
  let manager: string;
  let outsider: string;
  const list = async (query: string) => {
    const reply = await http(product.url, 'GET', `/api/v1/departments/sc-ybj/alerts?year=2020${query}`, { token: manager });
    expect(reply.status).toBe(200);
    return reply.json();
  };

  beforeAll(async () => {
    product = await startProduct();
    manager = await productToken(product, 'manager', 'sc-ybj');
    outsider = await productToken(product, 'manager', 'kf-ybj');
  }, 120_000);
  afterAll(() => product?.stop());

  it('pages: total stays, alerts are the page; counts per status; every alert names its profile', async () => {
    const all = await list('');
    expect(all.total).toBeGreaterThan(5);
    expect(all.alerts).toHaveLength(all.total);
    const page = await list('&limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.alerts.map((a: { id: string }) => a.id)).toEqual(all.alerts.slice(1, 3).map((a: { id: string }) => a.id));
    expect(page.counts.open).toBe(all.total);
    expect(all.alerts.every((a: { profile: string }) => a.profile === 'sichuan-2020')).toBe(true);
  });

  it('filters by rule, severity, checkpoint and project; searches by project name; groups by project', async () => {
    const all = (await list('')).alerts as { id: string; rule: string; severity: string; checkpoint: string; projectId: string | null; projectName: string | null }[];
    const rule = all[0].rule;
    expect((await list(`&rule=${rule}`)).total).toBe(all.filter((a) => a.rule === rule).length);
    expect((await list('&severity=red')).total).toBe(all.filter((a) => a.severity === 'red').length);
    expect((await list('&checkpoint=2020-06-30')).total).toBe(all.filter((a) => a.checkpoint === '2020-06-30').length);
    const named = all.find((a) => a.projectName)!;
    const search = await list(`&q=${encodeURIComponent(named.projectName!.slice(0, 4))}`);
    expect(search.total).toBeGreaterThan(0);
    expect(search.alerts.every((a: { projectName: string }) => a.projectName.includes(named.projectName!.slice(0, 4)))).toBe(true);
    const grouped = await list('&groupBy=project&limit=1');
    expect(grouped.groups).toHaveLength(1);
    expect(grouped.groupTotal).toBe(new Set(all.map((a) => a.projectId)).size);
    const bad = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/alerts?year=2020&status=nope', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.text()).toContain('status');
  });

  it('bulk acknowledges (only alerts the manager handles); bem alerts filters the same way', async () => {
    const open = (await list('&status=open&limit=3')).alerts.map((a: { id: string }) => a.id);
    expect((await http(product.url, 'POST', '/api/v1/alerts/acknowledge', { token: outsider, body: { ids: open } })).status).toBe(403);
    const reply = await http(product.url, 'POST', '/api/v1/alerts/acknowledge', { token: manager, body: { ids: open } });
    expect(reply.status).toBe(200);
    expect(reply.json().acknowledged).toBe(3);
    const after = await list('&status=acknowledged');
    expect(after.alerts.map((a: { id: string }) => a.id).sort()).toEqual([...open].sort());
    expect((await http(product.url, 'POST', '/api/v1/alerts/acknowledge', { token: manager, body: { ids: [] } })).status).toBe(400);
    const cli = await bem(['alerts', '--department', 'sc-ybj', '--year', '2020', '--status', 'acknowledged', '--limit', '2', '--json', '--store', product.store]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ total: 3, counts: { acknowledged: 3 } });
    expect(JSON.parse(cli.stdout).alerts).toHaveLength(2);
  });
});
