import { describe, expect, it } from 'vitest';
import { eventIdFor } from '@bem/commands';
import { evaluateJson, item, storeWith } from './support';

const stated = (department: string, fiscalYear: number, id: string, label: string, value: string, ref: { figure?: string; sumOf?: string[] }) =>
  ({ command: 'RecordStatedFigure', id, departmentCode: department, fiscalYear, label, value, ...ref, source: 'seed' });

describe('bem evaluate: the seeds reproduced from their ledgers', () => {
  it('sichuan-2020: 执行进度 2.70, 编制准确 1.86, 预算完成 1.15 flagged against the stated 1.16', async () => {
    const store = await storeWith('sichuan-2020', [
      stated('sc-ybj', 2020, 'st-1', '预算完成得分', '1.16', { figure: '得分/预算完成' }),
      stated('sc-ybj', 2020, 'st-2', '执行进度得分', '2.7', { figure: '得分/执行进度' }),
      stated('sc-ybj', 2020, 'st-3', '预算执行率', '28.87', { figure: '比率/预算执行率' }),
      { command: 'RecordManualScore', id: 'ms-1', departmentCode: 'sc-ybj', fiscalYear: 2020, item: '违规记录', score: '4', justification: '审计及财政检查未发现违纪违规问题' },
    ]);
    const report = await evaluateJson(store, 'sc-ybj', '2020', 'sichuan-2020');
    expect(report.profile).toBe('sichuan-2020');
    expect(item(report, '执行进度')).toMatchObject({ score: '2.70', weight: '6.00' });
    expect(item(report, '执行进度').formula).toContain('1.18');
    expect(item(report, '执行进度').formula).toContain('0.95');
    expect(item(report, '执行进度').formula).toContain('0.57');
    expect(item(report, '执行进度').evidence).toHaveLength(3);
    expect(item(report, '编制准确')).toMatchObject({ score: '1.86', inputs: { 预算调剂率: '0.70' } });
    expect(item(report, '编制准确').evidence).toEqual(expect.arrayContaining([eventIdFor('sc2020-0015', 0)]));
    expect(item(report, '预算完成').score).toBe('1.15');
    expect(item(report, '违规记录')).toMatchObject({ score: '4.00', basis: 'manual', justification: '审计及财政检查未发现违纪违规问题' });
    expect(report.consistency).toEqual([
      expect.objectContaining({ label: '预算完成得分', stated: '1.16', computed: '1.15', matches: false }),
      expect.objectContaining({ label: '执行进度得分', stated: '2.7', computed: '2.7', matches: true }),
      expect.objectContaining({ label: '预算执行率', stated: '28.87', computed: '28.87', matches: true }),
    ]);
    expect(report.findings.filter((f: { kind: string }) => f.kind === 'checkpoint-missed')).toHaveLength(3);
    expect(report.findings.some((f: { text: string }) => f.text.includes('医疗保障能力建设执行率 81.72%'))).toBe(true);
    expect(report.findings.some((f: { text: string }) => f.text.includes('川财社〔2020〕72号'))).toBe(true);
  });

  it('xihu-2022: 政府采购执行率 58.93%, 公用经费控制率 54.49%, every indicator row judged', async () => {
    const report = await evaluateJson(await storeWith('xihu-2022'), 'xh-ybj', '2022', 'national');
    const ratio = (name: string) => report.ratios.find((r: { name: string }) => r.name === name);
    expect(ratio('政府采购执行率').value).toBe('58.93');
    expect(ratio('政府采购执行率').evidence).toEqual(expect.arrayContaining(['xh-0007', 'xh-0027', 'xh-0029'].map((id) => eventIdFor(id, 0))));
    expect(ratio('公用经费控制率').value).toBe('54.49');
    expect(ratio('预算执行率').value).toBe('100.00');
    expect(report.indicators).toHaveLength(36);
    const pay = report.indicators.find((row: { name: string }) => row.name === '居民医疗保险待遇支付');
    expect(pay).toMatchObject({ target: '>2460万元', actual: '2441', met: false, projectId: null });
    const missing = report.indicators.filter((row: { actual: string | null }) => row.actual === null);
    expect(missing).toHaveLength(3);
    for (const row of missing) expect(row).toMatchObject({ met: null, score: null, note: expect.stringContaining('未填报') });
    expect(report.indicators.filter((row: { met: boolean | null }) => row.met === true)).toHaveLength(32);
    for (const row of report.indicators.filter((r: { actual: string | null }) => r.actual !== null)) expect(row.score).not.toBeNull();
    expect(['优', '良', '中', '差']).toContain(report.grade);
  });

  it('kaifu-2020: 基础数据表 columns as expected.json; the seed\'s wrong subtotals reported', async () => {
    const subtotal = ['公费医疗', '医疗救助', '特困企业退休职工基本医疗', '城乡居民医保区级配套补助'];
    const store = await storeWith('kaifu-2020', [
      stated('kf-ybj', 2020, 'st-1', '2019年支出合计', '1536', { figure: '基础数据表/支出合计/上年决算' }),
      stated('kf-ybj', 2020, 'st-2', '专项经费 2020年初', '3308', { sumOf: subtotal.map((n) => `基础数据表/${n}/年初预算`) }),
      stated('kf-ybj', 2020, 'st-3', '专项经费 2020调整', '3536', { sumOf: subtotal.map((n) => `基础数据表/${n}/调整预算`) }),
      stated('kf-ybj', 2020, 'st-4', '专项经费 2020决算', '3332', { sumOf: subtotal.map((n) => `基础数据表/${n}/决算`) }),
      stated('kf-ybj', 2020, 'st-5', '2020年支出合计', '3745', { figure: '基础数据表/支出合计/决算' }),
    ]);
    const report = await evaluateJson(store, 'kf-ybj', '2020', 'national');
    const table = report.tables.find((t: { id: string }) => t.id === 'basic-data');
    const row = (label: string) => table.rows.find((r: { cells: { label: string } }) => r.cells.label.endsWith(label)).cells;
    const whole = (value: string | null) => (value === null ? undefined : String(Math.round(Number(value))));
    const expected: Record<string, string[]> = {
      支出合计: ['1537', '3691', '3951', '3745'], 基本支出: ['303', '323', '355', '353'], 三公经费: ['0', '0', '0', '0'],
      项目支出: ['1234', '3368', '3596', '3392'], 业务工作经费: ['46', '90', '90', '90'], 公费医疗: ['420', '420', '620', '620'],
      医疗救助: ['637', '1080', '1168', '981'], 特困企业退休职工基本医疗: ['131', '150', '150', '133'],
    };
    for (const [label, values] of Object.entries(expected)) {
      const cells = row(label);
      expect([cells['上年决算'], cells['年初预算'], cells['调整预算'], cells['决算']].map(whole), label).toEqual(values);
    }
    expect(row('城乡居民医保区级配套补助')).toMatchObject({ 上年决算: null, 年初预算: '1628.00', 调整预算: '1568.00', 决算: '1568.00' });
    expect(row('政府采购金额')['决算']).toBe('0.00');
    const results = Object.fromEntries(report.consistency.map((m: { label: string; computed: string; matches: boolean }) => [m.label, [m.computed, m.matches]]));
    expect(results).toEqual({
      '2019年支出合计': ['1537', false], '专项经费 2020年初': ['3278', false], '专项经费 2020调整': ['3506', false],
      '专项经费 2020决算': ['3302', false], '2020年支出合计': ['3745', true],
    });
    const sources = report.tables.find((t: { id: string }) => t.id === 'fund-sources').rows.filter((r: { cells: { name: string } }) => r.cells.name === '医疗救助');
    expect(sources.map((r: { cells: Record<string, string> }) => [r.cells.source, r.cells.arranged, r.cells.used, r.cells.balance])).toEqual([
      ['本级', '630.00', '443.00', '187.00'], ['中央', '538.00', '538.00', '0.00'],
    ]);
  });

  it('refuses an unknown profile and a binary format without --out', async () => {
    const { bem } = await import('../support/cli');
    const store = await storeWith('sichuan-2020');
    expect((await bem(store, 'evaluate', '--department', 'sc-ybj', '--year', '2020', '--profile', 'nope')).code).toBe(1);
    expect((await bem(store, 'evaluate', '--department', 'sc-ybj', '--year', '2020', '--format', 'docx')).code).toBe(2);
  });
});
