import { describe, expect, it } from 'vitest';
import { bem, freshStore, json, ledgerFile } from '../support/cli';
import { storeWith } from './support';

const evaluateProject = async (store: string, projectId: string, year: string, ...more: string[]) => {
  const run = await bem(store, 'evaluate', '--project', projectId, '--year', year, '--json', ...more);
  if (run.code !== 0) throw new Error(run.stderr);
  return json(run);
};

const township = (weights: [string, string][]) => [
  { command: 'RegisterDepartment', id: 't-1', departmentCode: 'xz-001', name: '某镇人民政府', level: 'township' },
  ...weights.flatMap(([a, b], p) => {
    const projectId = `xz-p${p + 1}`;
    return [
      { command: 'RegisterProject', id: `t-${p}-1`, projectId, departmentCode: 'xz-001', fiscalYear: 2021, name: `项目${'甲乙'[p]}` },
      { command: 'IssueBudget', id: `t-${p}-2`, projectId, occurredOn: '2021-01-10', amount: '1000000.00', basis: 'initial', source: 'county' },
      { command: 'RecordPayment', id: `t-${p}-3`, projectId, paymentId: `pay-${p}`, occurredOn: '2021-11-10', amount: '991000.00' },
      { command: 'SetIndicator', id: `t-${p}-4`, projectId, indicatorId: 'a', level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥100人次', weight: a },
      { command: 'RecordIndicatorActual', id: `t-${p}-5`, projectId, indicatorId: 'a', occurredOn: '2021-12-31', value: '120人次' },
      { command: 'SetIndicator', id: `t-${p}-6`, projectId, indicatorId: 'b', level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', target: '≥90%', weight: b },
      { command: 'RecordIndicatorActual', id: `t-${p}-7`, projectId, indicatorId: 'b', occurredOn: '2021-12-31', value: '95%' },
    ];
  }),
];

describe('bem evaluate --project: the 项目支出绩效自评表 and the project 打分表', () => {
  it('seed 002 医疗保障能力建设: 93.27 recomputed, the stated 3.48 / 93.48 flagged; the other three 打分表 reproduce 86 / 99.18 / 100', async () => {
    const store = await storeWith('sichuan-2020');
    const capacity = await evaluateProject(store, 'sc-2020-capacity', '2020', '--profile', 'sichuan-2020');
    expect(capacity).toMatchObject({ kind: 'project', profile: 'sichuan-2020', totalScore: '93.27', officeTotalScore: '93.48', grade: '优' });
    expect(capacity.project).toEqual({ projectId: 'sc-2020-capacity', name: '医疗保障能力建设', departmentCode: 'sc-ybj', departmentName: '四川省医疗保障局' });
    expect(capacity.funds[0]).toMatchObject({ row: 'total', initial: '1395000.00', full: '1395000.00', executed: '1140000.00', rate: '81.72', weight: '4.00', score: '3.27' });
    expect(capacity.checks.filter((check: { equal: boolean }) => !check.equal)).toEqual([
      { figure: '得分/预算执行率', stated: '3.48', computed: '3.27', equal: false },
      { figure: '总分', stated: '93.48', computed: '93.27', equal: false },
    ]);
    expect(capacity.scoringRows).toHaveLength(8);
    expect(capacity.indicators.find((row: { name: string }) => row.name === '开展转移支付绩效评价')).toMatchObject({ target: '3个市州、6个县', score: '4.00', met: true });
    expect(capacity.indicators.find((row: { name: string }) => row.name === '开展内部审计')).toMatchObject({ score: '0.00', met: false, reason: expect.stringContaining('受疫情影响') });
    const totals = await Promise.all(['platform', 'ydjy', 'jf'].map(async (id) => (await evaluateProject(store, `sc-2020-${id}`, '2020', '--profile', 'sichuan-2020')).totalScore));
    expect(totals).toEqual(['86.00', '99.18', '100.00']);
  });

  it('national: 分值 that do not add up to 90 are rescaled and the form says so; every score stays within its 分值 and the total within 100', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile(township([['30', '20'], ['60', '40']])))).code).toBe(0);
    for (const projectId of ['xz-p1', 'xz-p2']) {
      const report = await evaluateProject(store, projectId, '2021');
      expect(report.notes[0]).toContain('已按 90 分等比例折算');
      expect(report.indicators.map((row: { weight: string }) => row.weight)).toEqual(projectId === 'xz-p1' ? ['54.00', '36.00'] : ['54.00', '36.00']);
      expect(report.funds[0]).toMatchObject({ rate: '99.10', weight: '10.00', score: '9.91' });
      expect(Number(report.totalScore)).toBeLessThanOrEqual(100);
      expect(report.totalScore).toBe('99.91');
      for (const row of report.indicators) expect(Number(row.score)).toBeLessThanOrEqual(Number(row.weight));
    }
  });

  it('national: the office scores 99.10 % as 9; the form prints 9, checks list the difference; --unit 元 --decimals 0', async () => {
    const store = freshStore();
    const lines = [...township([['50', '40']]), { command: 'RecordIndicatorScore', id: 'o-1', projectId: 'xz-p1', item: '预算执行率', score: '9' }];
    expect((await bem(store, 'import', ledgerFile(lines))).code).toBe(0);
    const report = await evaluateProject(store, 'xz-p1', '2021', '--profile', 'national');
    expect(report.funds[0]).toMatchObject({ rate: '99.10', score: '9.91', officeScore: '9.00' });
    expect(report.officeTotalScore).toBe('99.00');
    expect(report.checks).toEqual([
      { figure: '得分/预算执行率', stated: '9.00', computed: '9.91', equal: false },
      { figure: '总分', stated: '99.00', computed: '99.91', equal: false },
    ]);
    const md = await bem(store, 'evaluate', '--project', 'xz-p1', '--year', '2021', '--format', 'md', '--unit', '元', '--decimals', '0');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| 年度资金总额 |  | 1000000 | 1000000 | 991000 | 10.00 | 99.10% | 9.00 |');
    expect(md.stdout).toContain('复核提示');
    expect(md.stdout).not.toMatch(/[a-z]{3,}/);
    const refused = await bem(store, 'import', ledgerFile([{ command: 'RecordIndicatorScore', id: 'o-2', projectId: 'xz-p1', indicatorId: 'a', score: '50.01' }]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('超过其分值');
  });

  it('imports the targets exactly as printed; what reads as no figure is kept, qualitative, with a warning naming the line', async () => {
    const store = freshStore();
    const targets = ['≥100百分比', '实施乡镇社区基层医疗机构37个。', '37个基层医疗机构', '=580元/人', '3个市州、6个县', '≥'];
    const lines = [...township([['50', '40']]), ...targets.map((target, i) => ({ command: 'SetIndicator', id: `tg-${i}`, projectId: 'xz-p1', indicatorId: `t${i}`, level1: '产出指标', level2: '数量指标', name: `指标${i}`, target }))];
    const run = await bem(store, 'import', ledgerFile(lines));
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`line ${lines.length}`);
    expect(warnings[0]).toContain('target');
    const report = await evaluateProject(store, 'xz-p1', '2021');
    expect(report.indicators.map((row: { target: string }) => row.target)).toEqual(['≥100人次', '≥90%', ...targets]);
    // the new indicators have no actual and no office score yet: 待评分, so no grade until they are scored
    expect(report.grade).toBeNull();
    const md = await bem(store, 'evaluate', '--project', 'xz-p1', '--year', '2021', '--format', 'md');
    expect(md.stdout).toContain('自评等级：待评分');
  });
});

describe('bem evaluate --department: scores never above their 分值', () => {
  it('a township with two projects: projects\' 分值 are not summed under the level weights (was 160.00 of 100)', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile(township([['30', '20'], ['60', '40']])))).code).toBe(0);
    const run = await bem(store, 'evaluate', '--department', 'xz-001', '--year', '2021', '--json');
    const report = json(run);
    expect(Number(report.totalScore)).toBeLessThanOrEqual(100);
    const indicatorSection = report.sections.find((section: { name: string }) => section.name === '绩效指标');
    expect(indicatorSection.items.map((entry: { score: string | null }) => entry.score)).toEqual([null, null, null]);
    expect(report.indicators).toHaveLength(4);
    // nothing of the department's own scored the 90 points: no grade (it said 差 at 9.91 before)
    expect([report.grade, report.pending]).toEqual([null, { items: ['产出指标', '效益指标', '满意度指标'], weight: '90.00' }]);
  });

  it('department-level indicators score at most their level weight, whatever their own 分值 add up to', async () => {
    const store = freshStore();
    const lines = [
      ...township([['30', '20']]),
      { command: 'SetIndicator', id: 'd-1', departmentCode: 'xz-001', fiscalYear: 2021, indicatorId: 'd1', level1: '效益指标', level2: '社会效益指标', name: '覆盖率', target: '≥90%', weight: '20.01' },
      { command: 'RecordIndicatorActual', id: 'd-2', departmentCode: 'xz-001', fiscalYear: 2021, indicatorId: 'd1', occurredOn: '2021-12-31', value: '95%' },
      { command: 'SetIndicator', id: 'd-3', departmentCode: 'xz-001', fiscalYear: 2021, indicatorId: 'd2', level1: '效益指标', level2: '社会效益指标', name: '知晓率', target: '≥90%', weight: '10.02' },
      { command: 'RecordIndicatorActual', id: 'd-4', departmentCode: 'xz-001', fiscalYear: 2021, indicatorId: 'd2', occurredOn: '2021-12-31', value: '99%' },
    ];
    expect((await bem(store, 'import', ledgerFile(lines))).code).toBe(0);
    const report = json(await bem(store, 'evaluate', '--department', 'xz-001', '--year', '2021', '--json'));
    const benefit = report.sections.flatMap((section: { items: unknown[] }) => section.items).find((entry: { name: string }) => entry.name === '效益指标');
    expect(benefit).toMatchObject({ weight: '30.00', score: '30.00' });
    for (const section of report.sections) expect(Number(section.score)).toBeLessThanOrEqual(Number(section.weight));
  });
});

describe('bem monitor: the 项目支出绩效目标执行监控表 at a checkpoint', () => {
  it('1-7月 for --as-of 07-31: executed to date, rate, the product forecast unless the office gave one, assessments; every format', async () => {
    const store = await storeWith('sichuan-2020', [
      { command: 'RecordMonitoringAssessment', id: 'm-1', projectId: 'sc-2020-capacity', asOf: '2020-07-31', indicatorId: 'capacity-i5', causes: ['staffing', 'other'], likelihood: 'possible', explanation: '受疫情影响，推迟至四季度', forecast: '4次' },
      { command: 'RecordMonitoringAssessment', id: 'm-2', projectId: 'sc-2020-jf', asOf: '2020-07-31', forecast: '1316000.00' },
    ]);
    const run = await bem(store, 'monitor', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-07-31', '--json');
    expect(run.code).toBe(0);
    const doc = json(run);
    expect(doc).toMatchObject({ kind: 'monitoring', fiscalYear: 2020, asOf: '2020-07-31', period: '1-7月', department: { code: 'sc-ybj', name: '四川省医疗保障局' } });
    expect(doc.projects.map((project: { projectId: string }) => project.projectId)).toEqual(['sc-2020-platform', 'sc-2020-capacity', 'sc-2020-ydjy', 'sc-2020-jf', 'sc-2020-other']);
    const capacity = doc.projects.find((project: { projectId: string }) => project.projectId === 'sc-2020-capacity');
    // 30万 paid by 07-31 of 139.5万: 21.51 %; run on at 7/12 of the year: 51.43万
    expect(capacity.funds[0]).toMatchObject({ row: 'total', full: '1395000.00', executed: '300000.00', rate: '21.51', forecast: '514285.71', forecastBy: 'product' });
    expect(capacity.indicators.find((row: { indicatorId: string }) => row.indicatorId === 'capacity-i5')).toMatchObject({ target: '4次', actual: null, forecast: '4次', causes: ['staffing', 'other'], likelihood: 'possible' });
    const jf = doc.projects.find((project: { projectId: string }) => project.projectId === 'sc-2020-jf');
    expect(jf.funds[0]).toMatchObject({ executed: '658000.00', rate: '50.00', forecast: '1316000.00', forecastBy: 'office' });
    const md = await bem(store, 'monitor', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-07-31', '--project', 'sc-2020-capacity', '--format', 'md', '--unit', '元');
    expect(md.stdout).toContain('项目支出绩效目标执行监控表');
    expect(md.stdout).toContain('1-7月执行数');
    expect(md.stdout).toContain('| 年度资金总额 |  | 1395000.00 | 1395000.00 | 300000.00 | 21.51% | 514285.71 |');
    expect(md.stdout).toContain('有可能');
    for (const format of ['docx', 'xlsx', 'pdf']) {
      const out = `${store}.monitor.${format}`;
      expect((await bem(store, 'monitor', '--department', 'sc-ybj', '--year', '2020', '--as-of', '2020-07-31', '--format', format, '--out', out)).code).toBe(0);
    }
    expect((await bem(store, 'monitor', '--department', 'nope', '--year', '2020', '--as-of', '2020-07-31')).code).toBe(1);
  }, 60_000);
});
