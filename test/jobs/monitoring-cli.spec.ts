import { beforeAll, describe, expect, it } from 'vitest';
import { bem, fixture, freshStore, json } from '../support/cli';

// `bem checkpoints` / `bem alerts` / `bem backtest` through the CLI (architecture §5 contract).
describe('bem checkpoints, alerts and backtest on the sichuan-2020 ledger', () => {
  const store = freshStore();
  beforeAll(async () => {
    expect((await bem(store, 'import', fixture('sichuan-2020.jsonl'))).code).toBe(0);
  });

  it('--dry-run prints the scores without appending anything', async () => {
    const run = await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020', '--dry-run', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ profile: 'sichuan-2020', totalScore: '2.70', dryRun: true });
    expect(json(await bem(store, 'alerts', '--department', 'sc-ybj', '--year', '2020', '--json')).alerts).toEqual([]);
  });

  it('evaluates once (scores 1.18, 0.95, 0.57 = 2.70); a second call adds nothing', async () => {
    const first = json(await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020', '--json'));
    expect(first.checkpoints.map((row: Record<string, string>) => [row.date, row.budget, row.paid, row.progress, row.target, row.alertLine, row.status, row.score, row.weight])).toEqual([
      ['2020-06-30', '128521000.00', '30367300.00', '23.63', '40.00', '32.00', 'red', '1.18', '2.00'],
      ['2020-09-30', '137581100.00', '44090200.00', '32.05', '67.50', '54.00', 'red', '0.95', '2.00'],
      ['2020-11-30', '231563400.00', '54363900.00', '23.48', '82.50', '66.00', 'red', '0.57', '2.00'],
    ]);
    expect(first.totalScore).toBe('2.70');
    expect(first.appended).toEqual({ checkpoints: 3, alerts: 15 });
    expect(first.projects).toHaveLength(27); // 9 projects × 3 checkpoints: the three 转移支付 projects passed down whole (budget 0) are listed without a status
    const second = json(await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020', '--json'));
    expect(second.appended).toEqual({ checkpoints: 0, alerts: 0 });
    expect(second.checkpoints).toEqual(first.checkpoints);
  });

  it('national profile (a preview: sc-ybj 2020 is assigned sichuan-2020): red at every checkpoint against T 50 / 75 / 91.67 and A 40 / 60 / 73.33, nothing appended', async () => {
    const run = await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'national');
    expect(run.stdout).toContain('仅供预览，未写入');
    const doc = json(await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'national', '--json'));
    expect(doc).toMatchObject({ profile: 'national', assignedProfile: 'sichuan-2020', dryRun: true, preview: { zh: expect.stringContaining('sichuan-2020') } });
    expect(doc.checkpoints.map((row: Record<string, string>) => [row.progress, row.target, row.alertLine, row.status])).toEqual([
      ['23.63', '50.00', '40.00', 'red'],
      ['32.05', '75.00', '60.00', 'red'],
      ['23.48', '91.67', '73.33', 'red'],
    ]);
  });

  it('bem alerts lists every alert with the contract fields', async () => {
    const doc = json(await bem(store, 'alerts', '--department', 'sc-ybj', '--year', '2020', '--json'));
    expect(doc.alerts).toHaveLength(15); // the national preview above appended none
    for (const alert of doc.alerts) expect(Object.keys(alert)).toEqual(expect.arrayContaining(['id', 'rule', 'severity', 'projectId', 'checkpoint', 'raisedAt', 'figures', 'status']));
    const june = doc.alerts.find((a: Record<string, unknown>) => a.profile === 'sichuan-2020' && a.rule === 'behindSchedule' && a.projectId === null && a.checkpoint === '2020-06-30');
    expect(june).toMatchObject({ severity: 'red', status: 'open', figures: { progress: '23.63' } });
  });

  it('bem backtest lists the 6月, 9月 and 11月 behind-schedule alerts without appending', async () => {
    const before = json(await bem(store, 'alerts', '--department', 'sc-ybj', '--year', '2020', '--json')).alerts.length;
    const doc = json(await bem(store, 'backtest', '--profile', 'national', '--department', 'sc-ybj', '--year', '2020', '--json'));
    const behind = doc.alerts.filter((a: Record<string, unknown>) => a.rule === 'behindSchedule' && a.projectId === null);
    expect(behind.map((a: Record<string, string>) => [a.checkpoint, a.wouldRaiseOn])).toEqual([
      ['2020-06-30', '2020-07-01'],
      ['2020-09-30', '2020-10-01'],
      ['2020-11-30', '2020-12-01'],
    ]);
    expect(json(await bem(store, 'alerts', '--department', 'sc-ybj', '--year', '2020', '--json')).alerts).toHaveLength(before);
  });

  it('an unknown profile is refused with the list of available ones (exit 1)', async () => {
    const run = await bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'hunan-2021');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('available: national, sichuan-2020, sichuan-2025');
  });
});
