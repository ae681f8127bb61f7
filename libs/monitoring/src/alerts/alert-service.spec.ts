import { describe, expect, it } from 'vitest';
import { monitoringStream } from '@bem/domain';
import { MemoryEventStore } from '@bem/event-store';
import { CheckpointService } from '../checkpoints/checkpoint-service';
import { storeWithFixture } from '../checkpoints/spec-support';
import { loadProfile } from '../profiles/profile-loader';
import { addDays } from './alert-events';
import { alertIndexStream, findAlert } from './alert-index';
import { AlertService } from './alert-service';
import { backtest } from './backtest';

const NOW = new Date('2021-03-01T02:00:00Z'); // Monday 2021-03-01 in China

async function evaluated() {
  const fixture = await storeWithFixture('sichuan-2020.jsonl');
  await new CheckpointService(fixture.store, fixture.progress).evaluate('sc-ybj', 2020, 'sichuan-2020', { now: NOW });
  return fixture;
}

const behind = (alerts: { rule: string; projectId: string | null; checkpoint: string | null }[]) =>
  alerts.filter((a) => a.rule === 'behindSchedule' && a.projectId === null).map((a) => a.checkpoint);

describe('AlertService', () => {
  it('lists the raised alerts with figures, deadline (10 working days) and status open', async () => {
    const { store } = await evaluated();
    const list = await new AlertService(store, () => NOW).list('sc-ybj', 2020);
    expect(list.alerts).toHaveLength(15);
    expect(behind(list.alerts)).toEqual(['2020-06-30', '2020-09-30', '2020-11-30']);
    const june = list.alerts.find((a) => a.rule === 'behindSchedule' && a.projectId === null && a.checkpoint === '2020-06-30')!;
    expect(june).toMatchObject({
      severity: 'red', status: 'open', responsible: 'sc-ybj', deadline: '2021-03-15',
      figures: { budget: '128521000.00', paid: '30367300.00', progress: '23.63', target: '40.00', alertLine: '32.00', status: 'red' },
    });
    expect(list.suspendedProjects).toEqual([]);
  });

  it('acknowledges once, disposes with 继续执行 / 调剂 / 取消, refuses a different second answer', async () => {
    const { store } = await evaluated();
    const service = new AlertService(store, () => NOW);
    const [first] = (await service.list('sc-ybj', 2020)).alerts;
    expect((await service.acknowledge(first.id, 'manager-1')).status).toBe('acknowledged');
    expect((await service.acknowledge(first.id, 'manager-2')).acknowledged?.actor).toBe('manager-1');
    await expect(service.dispose(first.id, '暂缓', 'manager-1')).rejects.toMatchObject({ code: 'INVALID_DISPOSITION' });
    const disposed = await service.dispose(first.id, '调剂', 'manager-1', '调往医疗救助');
    expect(disposed).toMatchObject({ status: 'disposed', disposition: { disposition: '调剂', note: '调往医疗救助', actor: 'manager-1' } });
    expect((await service.dispose(first.id, '调剂', 'manager-1')).status).toBe('disposed');
    await expect(service.dispose(first.id, '取消', 'manager-1')).rejects.toMatchObject({ code: 'ALERT_ALREADY_DISPOSED' });
    await expect(service.acknowledge('00000000-0000-4000-8000-000000000000', 'x')).rejects.toMatchObject({ code: 'UNKNOWN_ALERT' });
  });

  it('a red alert unanswered past its deadline is overdue and its project 暂停; a disposed one is not', async () => {
    const { store } = await evaluated();
    const later = new AlertService(store, () => new Date('2021-03-16T02:00:00Z'));
    const before = await later.list('sc-ybj', 2020);
    const capacity = before.alerts.filter((a) => a.projectId === 'sc-2020-capacity' && a.severity === 'red');
    expect(capacity.map((a) => a.status)).toEqual(['overdue', 'overdue', 'overdue']);
    expect(before.suspendedProjects.map((p) => p.projectId)).toEqual(['sc-2020-platform', 'sc-2020-capacity', 'sc-2020-ydjy']);
    for (const alert of capacity) await later.dispose(alert.id, '继续执行', 'manager-1');
    const after = await later.list('sc-ybj', 2020);
    expect(after.suspendedProjects.map((p) => p.projectId)).toEqual(['sc-2020-platform', 'sc-2020-ydjy']);
    expect(after.alerts.find((a) => a.severity === 'yellow')?.status).toBe('open'); // yellow alerts never suspend
  });

  it('deadline counts working days (weekends skipped) or calendar days', () => {
    expect(addDays('2021-03-01', 10, 'working')).toBe('2021-03-15');
    expect(addDays('2021-03-05', 1, 'working')).toBe('2021-03-08');
    expect(addDays('2021-03-05', 10, 'calendar')).toBe('2021-03-15');
  });
});

describe('backtest', () => {
  it.each(['sichuan-2020', 'national'])('replays 2020 through %s: 6月, 9月, 11月 behind-schedule alerts, appending nothing', async (name) => {
    const fixture = await storeWithFixture('sichuan-2020.jsonl');
    const service = new CheckpointService(fixture.store, fixture.progress);
    const head = await fixture.store.headPosition();
    const result = backtest(loadProfile(name), 'sc-ybj', 2020, await service.projectFacts('sc-ybj', 2020));
    const department = result.alerts.filter((a) => a.rule === 'behindSchedule' && a.projectId === null);
    expect(department.map((a) => [a.checkpoint, a.wouldRaiseOn, a.severity, a.figures.progress])).toEqual([
      ['2020-06-30', '2020-07-01', 'red', '23.63'],
      ['2020-09-30', '2020-10-01', 'red', '32.05'],
      ['2020-11-30', '2020-12-01', 'red', '23.48'],
    ]);
    expect(await fixture.store.headPosition()).toBe(head);
  });

  it('raises the same alert ids as the live evaluation', async () => {
    const { store, progress } = await evaluated();
    const live = (await new AlertService(store, () => NOW).list('sc-ybj', 2020)).alerts.map((a) => a.id).sort();
    const replayed = backtest(loadProfile('sichuan-2020'), 'sc-ybj', 2020, await new CheckpointService(store, progress).projectFacts('sc-ybj', 2020));
    expect(replayed.alerts.map((a) => a.alertId).sort()).toEqual(live);
  });
});

describe('a refused overspend (real time)', () => {
  it('raises one card per project and month, in Chinese with grouped 元, appended at the expected revision', async () => {
    const store = new MemoryEventStore();
    const service = new AlertService(store, () => NOW);
    const refusal = { departmentCode: 'd1', fiscalYear: 2021, projectId: 'p1', paymentId: 'pay-9', occurredOn: '2021-07-05', requested: '1234567.5', available: '1000', budget: '2000000.00', paid: '1999000.00', actor: 'clerk-1' };
    const card = await service.recordRefusedPayment(refusal, 'national');
    expect(card?.message.zh).toBe('项目 p1 2021-07-05 申请支付 1,234,567.50 元，超过可用预算 1,000.00 元，已拒绝');
    expect(card?.message.zh).not.toMatch(/[A-Za-z]{4,}/);
    expect(await service.recordRefusedPayment({ ...refusal, paymentId: 'pay-10', occurredOn: '2021-07-20' }, 'national')).toBeNull();
    expect((await service.list('d1', 2021)).alerts).toHaveLength(1);
  });

  it('indexes the card by its id in the same write, so that findAlert names the stream it reads (KurrentDB has no lookup by id)', async () => {
    const store = new MemoryEventStore();
    const refusal = { departmentCode: 'd1', fiscalYear: 2021, projectId: 'p1', paymentId: 'pay-9', occurredOn: '2021-07-05', requested: '20.00', available: '10.00', budget: '100.00', paid: '90.00', actor: 'clerk-1' };
    const card = await new AlertService(store, () => NOW).recordRefusedPayment(refusal, 'national');
    const [entry] = await store.readStream(alertIndexStream(card?.alertId ?? ''));
    expect(entry).toMatchObject({ type: 'AlertsIndexed', data: { eventId: card?.alertId, stream: monitoringStream('d1', 2021), alertIds: [card?.alertId] } });
    expect(await findAlert(store, card?.alertId ?? '')).toMatchObject({ alertId: card?.alertId, departmentCode: 'd1', rule: 'overspendAttempt' });
  });
});
