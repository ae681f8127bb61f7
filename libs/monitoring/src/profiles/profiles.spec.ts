import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asPercent, checkpointsOf, elapsedShare } from './checkpoint-lines';
import { BUILTIN_PROFILES_DIR, availableProfiles, loadProfile, profileDirs } from './profile-loader';

const lines = (name: string, year = 2020, dirs?: string[]) =>
  checkpointsOf(loadProfile(name, dirs), year).map((line) => [line.date, asPercent(line.target), asPercent(line.alertLine), line.weight.toFixed(2)]);

describe('jurisdiction profiles (data files validated by zod)', () => {
  it('ships national, sichuan-2020 and sichuan-2025', () => {
    expect(availableProfiles([BUILTIN_PROFILES_DIR])).toEqual(['national', 'sichuan-2020', 'sichuan-2025']);
    expect(loadProfile().name).toBe('national');
  });

  it('national: T = 序时进度 (months), A = 0.8 T', () => {
    expect(lines('national')).toEqual([
      ['2020-06-30', '50.00', '40.00', '1.00'],
      ['2020-09-30', '75.00', '60.00', '1.00'],
      ['2020-11-30', '91.67', '73.33', '1.00'],
    ]);
  });

  it('sichuan-2020: T = 40 / 67.5 / 82.5 with weight 2; sichuan-2025: alert lines 25 / 40 / 60 / 80', () => {
    expect(lines('sichuan-2020').map(([date, target, , weight]) => [date, target, weight])).toEqual([
      ['2020-06-30', '40.00', '2.00'],
      ['2020-09-30', '67.50', '2.00'],
      ['2020-11-30', '82.50', '2.00'],
    ]);
    expect(lines('sichuan-2025', 2025).map(([date, , alertLine]) => [date, alertLine])).toEqual([
      ['2025-04-30', '25.00'],
      ['2025-06-30', '40.00'],
      ['2025-08-31', '60.00'],
      ['2025-10-31', '80.00'],
    ]);
    expect(loadProfile('sichuan-2025').alertRules.dualGap).toMatchObject({ enabled: true, gapPoints: '10' });
  });

  it('序时进度 by days counts the day itself out of the days of the year', () => {
    expect(asPercent(elapsedShare('2020-06-30', 'days'))).toBe('49.73'); // 182 / 366
    expect(asPercent(elapsedShare('2021-06-30', 'days'))).toBe('49.59'); // 181 / 365
    expect(asPercent(elapsedShare('2020-06-15', 'months'))).toBe('41.67'); // May is the last full month
  });

  it('an office adds its own profile through BEM_PROFILES_DIR, without code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bem-profiles-'));
    const own = JSON.parse(readFileSync(join(BUILTIN_PROFILES_DIR, 'national.json'), 'utf8'));
    writeFileSync(join(dir, 'chengdu-2024.json'), JSON.stringify({ ...own, name: 'chengdu-2024', elapsedMode: 'days', checkpoints: [{ monthDay: '07-31', target: '55', alertLine: '45', weight: '3' }] }));
    const dirs = profileDirs({ BEM_PROFILES_DIR: dir });
    expect(availableProfiles(dirs)).toEqual(['chengdu-2024', 'national', 'sichuan-2020', 'sichuan-2025']);
    expect(lines('chengdu-2024', 2024, dirs)).toEqual([['2024-07-31', '55.00', '45.00', '3.00']]);
  });

  it('refuses an unknown name, listing the available profiles, and an invalid file, naming the field', () => {
    expect(() => loadProfile('hunan-2021')).toThrow(/unknown profile "hunan-2021"; available: national, sichuan-2020, sichuan-2025/);
    const dir = mkdtempSync(join(tmpdir(), 'bem-profiles-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ name: 'broken', title: 'x', elapsedMode: 'weeks' }));
    expect(() => loadProfile('broken', [dir])).toThrow(/elapsedMode/);
    writeFileSync(join(dir, 'money.json'), JSON.stringify({ ...loadProfile('national'), name: 'money', checkpoints: [{ monthDay: '06-30', target: 50, alertLine: '40', weight: '1' }] }));
    expect(() => loadProfile('money', [dir])).toThrow(/checkpoints\.0\.target/);
  });
});
