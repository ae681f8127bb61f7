import { describe, expect, it } from 'vitest';
import { bem, json } from '../support/cli';
import { storeWith } from './support';

/** A published township 自评表 (棠溪镇 2022, one project), its figures as printed (万元 with 3 decimals). */
describe('a published one-project 项目支出绩效自评表 (national shape)', () => {
  it('reproduces the 项目资金 rows, the targets as printed, the office scores and 总分 100 (优)', async () => {
    const store = await storeWith('tangxi-2022');
    const run = await bem(store, 'evaluate', '--project', 'tx-2022-wt', '--year', '2022', '--format', 'json');
    if (run.code !== 0) throw new Error(run.stderr);
    const form = json(run);
    const current = form.funds.find((row: { row: string }) => row.row === 'current');
    expect([current.initial, current.full, current.executed, current.rate]).toEqual(['900000.00', '899740.00', '899740.00', '100.00']);
    const total = form.funds.find((row: { row: string }) => row.row === 'total');
    expect([total.weight, total.score]).toEqual(['10.00', '10.00']);
    expect(form.indicators.map((row: { target: string }) => row.target).slice(0, 5)).toEqual(['≥50个', '≥100百分比', '严格执行相关制度规定', '在项目计划完成时间内完成', '≤90万元']);
    expect(form.indicators.map((row: { weight: string }) => row.weight)).toEqual(['8.00', '8.00', '8.00', '8.00', '8.00', '10.00', '10.00', '10.00', '10.00', '10.00']);
    expect([form.totalScore, form.grade]).toEqual(['100.00', '优']);
    expect(form.checks.every((check: { equal: boolean }) => check.equal)).toBe(true);

    const md = await bem(store, 'evaluate', '--project', 'tx-2022-wt', '--year', '2022', '--format', 'md', '--unit', '万元', '--decimals', '3');
    expect(md.stdout).toContain('90.000');
    expect(md.stdout).toContain('89.974');
    expect(md.stdout).toContain('100.00%');
  });
});
