import { monitoringStream } from '@bem/domain';
import { describe, expect, it } from 'vitest';
import { CheckpointService } from '../checkpoints/checkpoint-service';
import { contextsFromStreams } from '../checkpoints/checkpoint-contexts';
import { storeWithFixture } from '../checkpoints/spec-support';
import { checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile } from '../profiles/profile-loader';
import { cardsOf } from './alert-cards';
import { type AlertsRaisedData, alertRaised, raisedAlertsOf } from './alert-events';
import { runRules } from './alert-rules';
import { sentenceOf } from './alert-sentences';

const project = { projectId: 'p-1', name: '乡村道路' };
const department = { projectId: null, name: 'dep' };
const place = { departmentCode: 'dep', checkpoint: '2025-06-30', label: '6月' };

describe('the sentences of checkpoint findings, worded from their figures', () => {
  it('words every rule as a manager reads it (thousands grouped in 元, the checkpoint by its label)', () => {
    const cases: [Parameters<typeof sentenceOf>, string, string][] = [
      [['behindSchedule', { progress: '5.23', target: '50.00', alertLine: '40.00', status: 'red' }, department, place],
        '部门整体 6月 执行进度 5.23% 低于预警线 40.00%', 'department dep: execution 5.23% at 2025-06-30 is below the alert line 40.00%'],
      [['behindSchedule', { progress: '45.00', target: '50.00', alertLine: '40.00', status: 'yellow' }, project, place],
        '项目「乡村道路」 6月 执行进度 45.00% 低于目标 50.00%', 'project p-1: execution 45.00% at 2025-06-30 is below the target 50.00%'],
      [['lowArrival', { arrivalRate: '3.74', threshold: '50' }, project, place], '项目「乡村道路」 资金到位率 3.74% 低于 50%', 'project p-1: funds arrived 3.74% of budget, below 50%'],
      [['idleFunds', { balance: '1234567.80', idleDays: '95' }, project, place], '项目「乡村道路」 已 95 天无支付，结余 1,234,567.80 元', 'project p-1: no payment for 95 days while 1234567.80 yuan remain'],
      [['largeAdjustments', { changeRate: '35.00', threshold: '30' }, project, place], '项目「乡村道路」 预算调整 35.00% 超过年初预算的 30%', 'project p-1: adjustments are 35.00% of the opening budget, above 30%'],
      [['indicatorBehind', { indicatorId: 'i-1', indicatorName: '受益人数', actual: '400人', proRatedTarget: '475.00', unit: '人' }, project, place],
        '指标「受益人数」完成 400人，低于按序时折算的 475.00人', 'indicator i-1: actual 400人 behind the pro-rated target 475.00人'],
      [['dualGap', { indicatorId: 'i-1', indicatorName: '受益人数', attainment: '41.00', progress: '30.00', gapPoints: '11.00' }, project, place],
        '指标「受益人数」完成率 41.00% 与执行进度 30.00% 相差 11.00 个百分点', 'indicator i-1: attainment 41.00% vs execution 30.00% differ by 11.00 pp'],
      [['yearEndForecast', { forecastRate: '10.46', threshold: '90' }, department, place], '部门整体 按当前进度预计年末执行率 10.46%，低于 90%', 'department dep: run-rate forecast 10.46% at year end, below 90%'],
      [['overspendAttempt', { payments: '2', lastOn: '2025-05-10', lastAmount: '12000.00', lastAvailable: '8000.50' }, project, place],
        '项目「乡村道路」 有 2 笔支付超过可用预算（最近 2025-05-10 支付 12,000.00 元，可用 8,000.50 元）', 'project p-1: 2 payment(s) above the available budget (last 12000.00 on 2025-05-10, 8000.50 available)'],
    ];
    for (const [args, zh, en] of cases) expect(sentenceOf(...args)).toEqual({ zh, en });
  });

  it('a checkpoint batch stores findings without sentences, and reads back the words the rules give', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    const service = new CheckpointService(store, progress);
    const profile = loadProfile('sichuan-2020');
    await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: new Date('2021-01-15T00:00:00Z') });
    const batches = (await store.readStream(monitoringStream('sc-ybj', 2020))).filter((event) => event.type === 'AlertsRaised');
    expect(batches.length).toBeGreaterThan(0);
    // Stored packed: no sentence anywhere, each finding its shape, severity and figures' values
    const stored = batches.flatMap((event) => (event.data as AlertsRaisedData).alerts);
    expect(stored.every((alert) => alert.message === undefined && alert.rules === undefined && alert.findings?.every((finding) => finding.every((value) => typeof value !== 'object' || value === null)))).toBe(true);

    const read = batches.flatMap((event) => raisedAlertsOf(event));
    const due = checkpointsOf(profile, 2020);
    const worded = contextsFromStreams(profile, 'sc-ybj', 2020, due, await service.projectFacts('sc-ybj', 2020))
      .flatMap((context) => cardsOf(runRules(context)).map((card) => alertRaised(profile, 'sc-ybj', 2020, card, '2021-01-15')));
    expect(read.map((alert) => alert.alertId)).toEqual(worded.map((alert) => alert.alertId));
    expect(read.map((alert) => alert.message)).toEqual(worded.map((alert) => alert.message));
    expect(read.map((alert) => alert.rules?.map((finding) => finding.message))).toEqual(worded.map((alert) => alert.rules?.map((finding) => finding.message)));
    expect(read.some((alert) => alert.message.zh.includes('；'))).toBe(true);
  });
});
