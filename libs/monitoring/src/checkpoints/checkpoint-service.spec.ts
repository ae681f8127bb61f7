import { monitoringStream } from '@bem/domain';
import { describe, expect, it } from 'vitest';
import { raisedAlertsOf } from '../alerts/alert-events';
import { AlertService } from '../alerts/alert-service';
import { CheckpointService } from './checkpoint-service';
import type { CheckpointEvaluatedData } from './checkpoint-events';
import { MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel } from '@bem/read-models';
import { ProgressProjection } from '@bem/read-models';
import { importCommands, storeWithFixture } from './spec-support';

const NOW = new Date('2021-03-01T02:00:00Z');
const LATER = new Date('2021-03-05T02:00:00Z');
const pick = (rows: { date: string; progress: string | null; target: string; alertLine: string; status: string | null; score: string | null }[]) =>
  rows.map(({ date, progress, target, alertLine, status, score }) => [date, progress, target, alertLine, status, score]);

describe('checkpoint evaluation on the sichuan-2020 ledger (seed 002)', () => {
  it('scores 执行进度 with the sichuan-2020 profile: 1.18 + 0.95 + 0.57 = 2.70', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    const report = await new CheckpointService(store, progress).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW });
    expect(report.checkpoints.map((row) => [row.date, row.budget, row.paid, row.progress, row.target, row.score, row.weight])).toEqual([
      ['2020-06-30', '128521000.00', '30367300.00', '23.63', '40.00', '1.18', '2.00'],
      ['2020-09-30', '137581100.00', '44090200.00', '32.05', '67.50', '0.95', '2.00'],
      ['2020-11-30', '231563400.00', '54363900.00', '23.48', '82.50', '0.57', '2.00'],
    ]);
    expect(report.totalScore).toBe('2.70');
    expect(report.upcoming).toEqual([]);
    expect(report.projects.filter((row) => row.projectId === 'sc-2020-jf').map((row) => [row.date, row.progress, row.status, row.score])).toEqual([
      ['2020-06-30', '50.00', 'green', '2.00'],
      ['2020-09-30', '100.00', 'green', '2.00'],
      ['2020-11-30', '100.00', 'green', '2.00'],
    ]);
  });

  it('colours every checkpoint of the national profile against T = 序时进度 and A = 0.8 T (a preview: sc-ybj 2020 is assigned sichuan-2020)', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    const head = await store.headPosition();
    const report = await new CheckpointService(store, progress).evaluate('sc-ybj', 2020, 'national', { now: NOW });
    expect(report.profile).toBe('national');
    expect(report.assignedProfile).toBe('sichuan-2020');
    expect(report.dryRun).toBe(true);
    expect(report.preview?.zh).toContain('未写入');
    expect(await store.headPosition()).toBe(head);
    expect(pick(report.checkpoints)).toEqual([
      ['2020-06-30', '23.63', '50.00', '40.00', 'red', '0.47'],
      ['2020-09-30', '32.05', '75.00', '60.00', 'red', '0.43'],
      ['2020-11-30', '23.48', '91.67', '73.33', 'red', '0.26'],
    ]);
    const basicNovember = report.projects.find((row) => row.projectId === 'sc-2020-basic' && row.date === '2020-11-30');
    expect(basicNovember).toMatchObject({ progress: '76.56', status: 'yellow' });
  });

  it('appends CheckpointEvaluated and the alerts once (one AlertsRaised batch per checkpoint); a second call appends nothing', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    const service = new CheckpointService(store, progress);
    const first = await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW });
    expect(first.appended).toEqual({ checkpoints: 3, alerts: 15 });
    const stream = await store.readStream(monitoringStream('sc-ybj', 2020));
    expect(stream.map((event) => event.type)).toEqual(['CheckpointEvaluated', 'AlertsRaised', 'CheckpointEvaluated', 'AlertsRaised', 'CheckpointEvaluated', 'AlertsRaised']);
    expect(stream.flatMap(raisedAlertsOf)).toHaveLength(15);
    const second = await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: LATER });
    expect(second.appended).toEqual({ checkpoints: 0, alerts: 0 });
    expect(await store.readStream(monitoringStream('sc-ybj', 2020))).toHaveLength(6);
    expect(second.checkpoints.map((row) => row.evaluatedAt)).toEqual(Array(3).fill(NOW.toISOString()));
  });

  it('--dry-run computes the same figures and appends nothing', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    const report = await new CheckpointService(store, progress).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW, dryRun: true });
    expect(report.totalScore).toBe('2.70');
    expect(report.dryRun).toBe(true);
    expect(await store.readStream(monitoringStream('sc-ybj', 2020))).toEqual([]);
  });

  it('evaluates only checkpoints whose date has passed in China', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl');
    // 2020-09-30T16:30Z is already 10-01 00:30 in China: 06-30 and 09-30 are due, 11-30 is not.
    const report = await new CheckpointService(store, progress).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: new Date('2020-09-30T16:30:00Z') });
    expect(report.checkpoints.map((row) => row.date)).toEqual(['2020-06-30', '2020-09-30']);
    expect(report.upcoming).toEqual(['2020-11-30']);
    expect(report.totalScore).toBe('2.13');
  });

  it('a backdated payment restates the checkpoint in a NEW event; the first stays on record', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl', { open: true });
    const service = new CheckpointService(store, progress);
    await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW });
    await importCommands(store, [
      { command: 'RecordPayment', id: 'late-1', projectId: 'sc-2020-capacity', paymentId: 'late-pay-1', occurredOn: '2020-06-20', amount: '100000.00' } as never,
    ]);
    const report = await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: LATER });
    expect(report.appended.checkpoints).toBe(3); // paid(≤ 06-30) moved, so did 09-30 and 11-30
    const june = report.checkpoints[0];
    expect([june.paid, june.progress, june.score, june.evaluatedAt]).toEqual(['30467300.00', '23.71', '1.19', LATER.toISOString()]);
    expect(june.restatement?.previous).toMatchObject({ paid: '30367300.00', progress: '23.63', score: '1.18', knownAt: NOW.toISOString() });
    const evaluations = (await store.readStream(monitoringStream('sc-ybj', 2020)))
      .filter((event) => event.type === 'CheckpointEvaluated')
      .map((event) => event.data as CheckpointEvaluatedData)
      .filter((data) => data.date === '2020-06-30');
    expect(evaluations.map((data) => [data.evaluation, data.department.paid, data.restates !== null])).toEqual([
      [0, '30367300.00', false],
      [1, '30467300.00', true],
    ]);
  });

  it('one card per project and checkpoint lists every rule it breaks; a restatement updates the open card, never a second one', async () => {
    const { store, progress } = await storeWithFixture('sichuan-2020.jsonl', { open: true });
    const service = new CheckpointService(store, progress);
    await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW });
    const alerts = new AlertService(store, () => LATER);
    const before = (await alerts.list('sc-ybj', 2020)).alerts;
    const keys = before.map((row) => `${row.projectId}/${row.checkpoint}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(before.some((row) => row.rules.length > 1)).toBe(true);
    const card = before.find((row) => row.projectId === 'sc-2020-capacity' && row.checkpoint === '2020-06-30')!;
    expect(card.rules.map((finding) => finding.rule)).toContain('behindSchedule');
    expect(card.figures.progress).toBe('21.51');
    await importCommands(store, [
      { command: 'RecordPayment', id: 'late-1', projectId: 'sc-2020-capacity', paymentId: 'late-pay-1', occurredOn: '2020-06-20', amount: '100000.00' } as never,
    ]);
    await service.evaluate('sc-ybj', 2020, 'sichuan-2020', { now: LATER });
    const after = (await alerts.list('sc-ybj', 2020)).alerts;
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    const updated = after.find((row) => row.id === card.id)!;
    expect(updated.figures.progress).toBe('28.67');
    expect(updated.status).toBe('open');
    const events = await store.readStream(monitoringStream('sc-ybj', 2020));
    expect(events.filter((event) => event.type === 'AlertUpdated').length).toBeGreaterThan(0);
  });

  it('a card whose subject breaks no rule any more at a restated checkpoint is resolved and stays on record', async () => {
    const store = new MemoryEventStore();
    const service = new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel()), undefined, () => 'national');
    const line = (id: string, fields: Record<string, unknown>) => ({ id, ...fields }) as never;
    await importCommands(store, [
      line('r1', { command: 'RegisterDepartment', departmentCode: 'd-x', name: '测试局' }),
      line('r2', { command: 'RegisterProject', projectId: 'x-1', departmentCode: 'd-x', fiscalYear: 2020, name: '测试项目', kind: 'project' }),
      line('r3', { command: 'IssueBudget', projectId: 'x-1', occurredOn: '2020-01-10', amount: '1000.00', source: 'own', basis: 'initial' }),
      line('r4', { command: 'RecordPayment', projectId: 'x-1', paymentId: 'p1', occurredOn: '2020-06-15', amount: '100.00', economicCode: '30201' }),
    ]);
    const july = new Date('2020-07-02T02:00:00Z');
    await service.evaluate('d-x', 2020, undefined, { now: july });
    const alerts = new AlertService(store, () => july);
    const card = (await alerts.list('d-x', 2020)).alerts.find((row) => row.projectId === 'x-1')!;
    expect(card.rules.map((finding) => finding.rule)).toContain('behindSchedule');
    // Booked late, dated 06-20: 600 of 1,000 paid by 06-30 (60 % ≥ the 50 % target): nothing is broken any more
    await importCommands(store, [line('r5', { command: 'RecordPayment', projectId: 'x-1', paymentId: 'p2', occurredOn: '2020-06-20', amount: '500.00', economicCode: '30201' })]);
    const report = await service.evaluate('d-x', 2020, undefined, { now: july });
    expect(report.checkpoints[0].restatement).not.toBeNull();
    const rows = (await alerts.list('d-x', 2020)).alerts;
    expect(rows.find((row) => row.id === card.id)?.status).toBe('resolved');
    expect(rows.filter((row) => row.projectId === 'x-1')).toHaveLength(1);
  });
});
