import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { fixture } from '../support/cli';

describe('GET /api/v1/departments/{code}/evaluation', () => {
  let api: RunningApi;
  let admin: string;
  beforeAll(async () => {
    api = await startApi();
    admin = await tokenFor(api, 'admin', '*');
    const reply = await call(api, 'POST', '/api/v1/imports?format=jsonl', { token: admin, body: readFileSync(fixture('sichuan-2020.jsonl'), 'utf8'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  });
  afterAll(() => api.close());

  it('answers the evaluate JSON document with the acceptance figures', async () => {
    const reply = await call(api, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020&profile=sichuan-2020', { token: admin });
    expect(reply.status).toBe(200);
    const items = reply.body.sections.flatMap((s: { items: unknown[] }) => s.items);
    expect(items.find((i: { name: string }) => i.name === '执行进度').score).toBe('2.70');
    expect(items.find((i: { name: string }) => i.name === '编制准确').score).toBe('1.86');
    expect(items.find((i: { name: string }) => i.name === '预算完成').score).toBe('1.15');
    // its manual items (预算编制 … 绩效结果应用) are not all scored yet: no final grade, and what is pending is said
    expect(reply.body).toMatchObject({ profile: 'sichuan-2020', grade: null, pending: { items: expect.any(Array), weight: expect.any(String) }, findings: expect.any(Array) });
    // seed 002's four projects carry 45 indicators; listed with their project, scored on its own 自评表 (never summed into the department)
    expect(reply.body.indicators).toHaveLength(45);
  });

  it('serves other formats with their content type; refuses a department out of scope', async () => {
    const md = await call(api, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020&profile=sichuan-2020&format=md', { token: admin });
    expect(md.status).toBe(200);
    expect(md.contentType).toContain('text/markdown');
    expect(md.body).toContain('三、存在问题及改进措施');
    const other = await tokenFor(api, 'manager', ['somewhere-else']);
    expect((await call(api, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020', { token: other })).status).toBe(403);
  });
});
