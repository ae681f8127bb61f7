import { describe, expect, it } from 'vitest';
import { openEventStore } from '@bem/event-store';
import { bem, fixture, freshStore, json } from '../support/cli';

// Two `bem checkpoints` processes evaluating one department-year on one SQLite file at the same time (a cron run
// and an officer at the console): whichever loses the race is decided again on what the other stored.
describe('two processes evaluating one department at once', () => {
  it('end with exactly one evaluation per checkpoint and each card raised once', async () => {
    const store = freshStore();
    expect((await bem(store, 'import', fixture('sichuan-2020.jsonl'))).code).toBe(0);
    const evaluate = () => bem(store, 'checkpoints', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020', '--json');
    const runs = await Promise.all([evaluate(), evaluate()]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const reports = runs.map((run) => json(run));
    expect(reports.reduce((sum, report) => sum + report.appended.checkpoints, 0)).toBe(3);
    expect(reports[0].checkpoints).toEqual(reports[1].checkpoints);

    const log = openEventStore(store, { mustExist: true });
    const events = await log.readStream('monitoring-sc-ybj-2020');
    await log.close();
    const evaluations = events.filter((event) => event.type === 'CheckpointEvaluated').map((event) => event.data as { date: string; evaluation: number });
    expect(evaluations.map(({ date, evaluation }) => [date, evaluation])).toEqual([['2020-06-30', 0], ['2020-09-30', 0], ['2020-11-30', 0]]);
    const alerts = json(await bem(store, 'alerts', '--department', 'sc-ybj', '--year', '2020', '--json')).alerts as { id: string }[];
    expect(alerts).toHaveLength(15);
    expect(new Set(alerts.map((alert) => alert.id)).size).toBe(15);
  });
});
