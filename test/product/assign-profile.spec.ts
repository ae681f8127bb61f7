import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, bem, http, productToken, startProduct } from '../support/product';

/** 方案指定 (AssignProfile) through the started product; checkpoints under another profile preview and append nothing. */
describe('a profile per department-year (npm start, demo store)', () => {
  let product: StartedProduct;
  let admin: string;
  let clerk: string;
  const alertCount = async () => (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/alerts?year=2020', { token: admin })).json().alerts.length as number;

  beforeAll(async () => {
    product = await startProduct();
    admin = await productToken(product);
    clerk = await productToken(product, 'clerk', 'sc-ybj');
  }, 120_000);
  afterAll(() => product?.stop());

  it('the demo year is assigned sichuan-2020: its checkpoints and alerts name that 方案 in Chinese', async () => {
    const report = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/checkpoints?year=2020', { token: admin })).json();
    expect(report).toMatchObject({ profile: 'sichuan-2020', assignedProfile: 'sichuan-2020', preview: null });
    expect(report.profileTitle).toMatch(/^四川省 2020/);
    expect(report.profileTitle).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('bem checkpoints --profile national for sc-ybj 2020 computes, prints, appends nothing and says so', async () => {
    const before = await alertCount();
    const run = await bem(['checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'national', '--store', product.store]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('本部门本年度指定的监控方案为 sichuan-2020');
    expect(run.stdout).toContain('未写入');
    expect(await alertCount()).toBe(before);
    const again = await bem(['checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020', '--store', product.store, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ dryRun: false, appended: { checkpoints: 0, alerts: 0 } });
  });

  it('only an admin assigns, only known profiles; the dashboard then follows the assignment', async () => {
    const command = { command: 'AssignProfile', id: 'assign-national-2020', departmentCode: 'sc-ybj', fiscalYear: 2020, monitoring: 'national' };
    expect((await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body: command })).status).toBe(403);
    const unknown = await http(product.url, 'POST', '/api/v1/commands', { token: admin, body: { ...command, id: 'assign-x', monitoring: 'nowhere-1999' } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.text()).toContain('nowhere-1999');
    const neither = await http(product.url, 'POST', '/api/v1/commands', { token: admin, body: { command: 'AssignProfile', id: 'assign-y', departmentCode: 'sc-ybj', fiscalYear: 2020 } });
    expect(neither.status).toBe(400);
    expect((await http(product.url, 'POST', '/api/v1/commands', { token: admin, body: command })).status).toBe(201);
    const curve = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/curve?year=2020', { token: admin })).json();
    expect(curve.profile.name).toBe('national');
    const report = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/checkpoints?year=2020&profile=sichuan-2020', { token: admin })).json();
    expect(report.preview.zh).toContain('national');
  });
});
