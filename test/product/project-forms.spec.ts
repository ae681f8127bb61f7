import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/cli';
import { type StartedProduct, bem, http, productToken, startProduct, tempDir } from '../support/product';

/** The per-project forms through the started product: clerks' entries by POST /commands, the forms by GET. */
describe('project 自评表 and 监控表 through npm start', () => {
  let product: StartedProduct;
  let admin: string;
  let clerk: string;
  beforeAll(async () => {
    const store = join(tempDir('bem-forms-'), 'bem.sqlite');
    const imported = await bem(['import', join(FIXTURES, 'sichuan-2020.jsonl'), '--store', store]);
    if (imported.code !== 0) throw new Error(imported.stderr);
    product = await startProduct({ store });
    admin = await productToken(product);
    clerk = await productToken(product, 'clerk', 'sc-ybj');
  }, 180_000);
  afterAll(() => product?.stop());

  it('GET /projects/{id}/evaluation: 93.27 with the stated 3.48 / 93.48 flagged; PDF and XLSX downloads', async () => {
    const reply = await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/evaluation?profile=sichuan-2020', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ kind: 'project', totalScore: '93.27', officeTotalScore: '93.48' });
    expect(reply.json().checks.filter((check: { equal: boolean }) => !check.equal).map((check: { stated: string }) => check.stated)).toEqual(['3.48', '93.48']);
    const pdf = await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/evaluation?profile=sichuan-2020&format=pdf', { token: admin });
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toContain('application/pdf');
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/evaluation?format=xlsx&unit=元', { token: admin });
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    expect((await http(product.url, 'GET', '/api/v1/projects/nope/evaluation', { token: admin })).status).toBe(404);
  }, 120_000);

  it('a clerk enters an indicator score, a project goal and a monitoring assessment; the forms show them', async () => {
    const commands = [
      { command: 'RecordIndicatorScore', id: 'web-1', projectId: 'sc-2020-capacity', indicatorId: 'capacity-i11', score: '5', reason: '药品目录调整到位' },
      { command: 'SetProjectText', id: 'web-2', projectId: 'sc-2020-capacity', section: 'problems', text: '内部审计未按期开展' },
      { command: 'RecordMonitoringAssessment', id: 'web-3', projectId: 'sc-2020-capacity', asOf: '2020-07-31', indicatorId: 'capacity-i5', causes: ['staffing'], likelihood: 'possible', explanation: '受疫情影响，推迟至四季度' },
    ];
    for (const body of commands) expect((await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body })).status).toBe(201);
    const tooHigh = await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body: { command: 'RecordIndicatorScore', id: 'web-4', projectId: 'sc-2020-capacity', indicatorId: 'capacity-i11', score: '6' } });
    expect(tooHigh.status).toBe(409);
    const evaluation = (await http(product.url, 'GET', '/api/v1/projects/sc-2020-capacity/evaluation?profile=sichuan-2020', { token: clerk })).json();
    expect(evaluation.indicators.find((row: { indicatorId: string }) => row.indicatorId === 'capacity-i11')).toMatchObject({ officeScore: '5.00', score: '5.00', reason: '药品目录调整到位' });
    expect(evaluation.totalScore).toBe('94.27');
    const monitoring = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/monitoring?asOf=2020-07-31', { token: clerk });
    expect(monitoring.status).toBe(200);
    const doc = monitoring.json();
    expect(doc).toMatchObject({ kind: 'monitoring', fiscalYear: 2020, asOf: '2020-07-31', period: '1-7月', department: { code: 'sc-ybj', name: '四川省医疗保障局' } });
    const capacity = doc.projects.find((project: { projectId: string }) => project.projectId === 'sc-2020-capacity');
    expect(capacity.funds[0]).toMatchObject({ row: 'total', full: '1395000.00', executed: '300000.00', rate: '21.51', forecast: '514285.71' });
    expect(capacity.indicators.find((row: { indicatorId: string }) => row.indicatorId === 'capacity-i5')).toMatchObject({ causes: ['staffing'], likelihood: 'possible' });
    const docx = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/monitoring?asOf=2020-07-31&format=docx', { token: clerk });
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    expect((await http(product.url, 'GET', '/api/v1/departments/sc-ybj/monitoring?asOf=2020-02-30', { token: clerk })).status).toBe(400);
  }, 120_000);
});
