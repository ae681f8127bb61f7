import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bem, freshStore, json, ledgerFile } from '../support/cli';

/** An office's own profile file (BEM_PROFILES_DIR), copied from national with the overspend policy set to warn. */
function officeProfileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bem-profiles-'));
  const national = JSON.parse(readFileSync(resolve(__dirname, '../../libs/monitoring/profiles/national.json'), 'utf8'));
  writeFileSync(join(dir, 'office-warn.json'), JSON.stringify({ ...national, name: 'office-warn', title: '本局方案 office (warn)', overspendPolicy: 'warn' }));
  return dir;
}

const ledger = [
  { command: 'RegisterDepartment', id: 'o-1', departmentCode: 'od', name: '测试局' },
  { command: 'RegisterProject', id: 'o-2', projectId: 'op', departmentCode: 'od', fiscalYear: 2021, name: '项目' },
  { command: 'IssueBudget', id: 'o-3', projectId: 'op', occurredOn: '2021-01-10', amount: '1000.00', basis: 'initial' },
  { command: 'RecordPayment', id: 'o-4', projectId: 'op', paymentId: 'p1', occurredOn: '2021-05-10', amount: '900.00' },
  { command: 'RecordPayment', id: 'o-5', projectId: 'op', paymentId: 'p2', occurredOn: '2021-06-10', amount: '300.00' },
];

describe('the overspend policy of the office profile', () => {
  const saved = { dir: process.env.BEM_PROFILES_DIR, profiles: process.env.BEM_PROFILES };
  beforeEach(() => {
    process.env.BEM_PROFILES_DIR = officeProfileDir();
  });
  afterEach(() => {
    for (const [key, value] of [['BEM_PROFILES_DIR', saved.dir], ['BEM_PROFILES', saved.profiles]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('stop (national, the default): the payment above the available budget is refused', async () => {
    delete process.env.BEM_PROFILES;
    const run = await bem(freshStore(), 'import', ledgerFile(ledger));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 5: amount: ');
  });

  it('warn: the payment is recorded with the figures, and the next checkpoint raises one alert for it', async () => {
    process.env.BEM_PROFILES = 'office-warn';
    const store = freshStore();
    expect((await bem(store, 'import', ledgerFile(ledger))).code).toBe(0);
    expect(json(await bem(store, 'progress', '--department', 'od', '--year', '2021', '--json'))).toMatchObject({ paid: '1200.00', balance: '-200.00', executionRate: '120.00' });
    expect((await bem(store, 'checkpoints', '--department', 'od', '--year', '2021', '--profile', 'office-warn')).code).toBe(0);
    const alerts = json(await bem(store, 'alerts', '--department', 'od', '--year', '2021', '--json')).alerts.filter((a: { rule: string }) => a.rule === 'overspendAttempt');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ projectId: 'op', checkpoint: '2021-06-30', figures: { payments: '1', paymentIds: 'p2', lastAmount: '300.00', lastAvailable: '100.00' } });
  });
});
