import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { latinWords, placeholders } from '../support/chinese-only';
import { bem, fixture, freshStore } from '../support/cli';
import { documentText, libreOfficePdf, readBody } from '../support/document-text';

/**
 * Every document an office files, in every format, for every fixture: Chinese only (no field names, profile ids,
 * English, placeholders), no grade while scores are pending; the XLSX / DOCX printed by LibreOffice (issue 16).
 */
const dir = mkdtempSync(join(tmpdir(), 'bem-filed-docs-'));
const DOCUMENTS = [
  { name: 'xihu-2022', args: ['evaluate', '--department', 'xh-ybj', '--year', '2022', '--profile', 'national'] },
  { name: 'kaifu-2020', args: ['evaluate', '--department', 'kf-ybj', '--year', '2020', '--profile', 'national'] },
  { name: 'sichuan-2020', args: ['evaluate', '--department', 'sc-ybj', '--year', '2020', '--profile', 'sichuan-2020'] },
  { name: 'leshan-program', args: ['program', '--program', 'ylfw-nlts', '--department', 'ls-ybj', '--year', '2019'] },
  // seed 000: the 部门决算 tables, and the 项目绩效目标完成情况表 under the profile that files it
  { name: 'leshan-2019', fixtures: ['leshan-program', 'leshan-2019'], args: ['evaluate', '--department', 'ls-ybj', '--year', '2019', '--profile', 'national'] },
  { name: 'leshan-2019-project', fixtures: ['leshan-program', 'leshan-2019'], args: ['evaluate', '--project', 'ls-2019-nlts', '--year', '2019', '--profile', 'sichuan-2019'] },
  // seed 003: recorded under a warn overspend policy (an office profile of test/fixtures/profiles)
  { name: 'renhua-2021', env: { BEM_PROFILES: 'guangdong-warn', BEM_PROFILES_DIR: fixture('profiles') }, args: ['evaluate', '--department', 'rh-ybj', '--year', '2021', '--profile', 'national'] },
] as { name: string; fixtures?: string[]; env?: Record<string, string>; args: string[] }[];
const FORMATS = ['md', 'html', 'docx', 'xlsx', ...(existsSync('/usr/bin/chromium') ? ['pdf'] : [])];
const file = (name: string, format: string) => join(dir, `${name}.${format}`);
const stores = new Map<string, string>();
const freshStoreWith = (name: string) => stores.get(name)!;

beforeAll(async () => {
  for (const doc of DOCUMENTS) {
    const store = freshStore();
    stores.set(doc.name, store);
    const saved = Object.fromEntries(Object.keys(doc.env ?? {}).map((key) => [key, process.env[key]]));
    Object.assign(process.env, doc.env);
    for (const name of doc.fixtures ?? [doc.name]) {
      const imported = await bem(store, 'import', fixture(`${name}.jsonl`));
      expect(imported.code, imported.stderr).toBe(0);
    }
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
    for (const format of FORMATS) {
      const run = await bem(store, ...doc.args, '--format', format, '--out', file(doc.name, format));
      expect(run.code, `${doc.name}.${format}: ${run.stderr}`).toBe(0);
    }
  }
}, 240_000);

describe('filed documents: Chinese only, in every format', () => {
  for (const doc of DOCUMENTS)
    it(`${doc.name}: no Latin word, field name, profile id or placeholder in ${FORMATS.join(' / ')}`, async () => {
      for (const format of FORMATS) {
        const text = await documentText(format, readBody(file(doc.name, format)));
        expect(text.length, `${doc.name}.${format}`).toBeGreaterThan(500);
        expect(latinWords(text), `${doc.name}.${format}`).toEqual([]);
        expect(placeholders(text), `${doc.name}.${format}`).toEqual([]);
      }
    });

  it('sichuan-2020 has manual items still pending: 待评分, and no final grade until they are entered', async () => {
    const report = JSON.parse((await bem(freshStoreWith('sichuan-2020'), ...DOCUMENTS[2].args, '--json')).stdout) as { sections: { items: { score: string | null }[] }[] };
    expect(report.sections.flatMap((s) => s.items).some((i) => i.score === null)).toBe(true);
    for (const format of ['md', 'docx'] as const) {
      const text = await documentText(format, readBody(file('sichuan-2020', format)));
      expect(text).toContain('自评得分待评分');
      expect(text).not.toMatch(/评价等级为|评价等级：[优良中差]/);
    }
    const xihu = await documentText('md', readBody(file('xihu-2022', 'md')));
    expect(xihu).toMatch(/评价等级为“[优良中差]”/);
  });

  it('a figure with no data is "—", not 0.00: kaifu has a 2019 column, xihu has no 2021 data', async () => {
    const xihu = await documentText('md', readBody(file('xihu-2022', 'md')));
    const row = xihu.split('\n').find((line) => line.startsWith('| 支出合计 |'))!;
    expect(row.split('|').map((c) => c.trim()).slice(1, 6)).toEqual(['支出合计', '—', '607.94', '554.48', '554.48']);
    const kaifu = await documentText('md', readBody(file('kaifu-2020', 'md')));
    const total = kaifu.split('\n').find((line) => line.startsWith('| 支出合计 |'))!;
    expect(total.split('|')[2].trim()).toMatch(/^\d+\.\d{2}$/);
  });

  it('kaifu 基础数据表: the 专项经费 subtotal with its 其中 rows, the 备注 column as the seed prints them', async () => {
    const kaifu = await documentText('md', readBody(file('kaifu-2020', 'md')));
    const cells = (label: string) => kaifu.split('\n').find((line) => line.split('|')[1]?.trim() === label)?.split('|').map((c) => c.trim()).slice(1, 7);
    expect(cells('2.专项经费（含政府专项）')).toEqual(['2.专项经费（含政府专项）', '1188.00', '3278.00', '3506.00', '3302.00', '']);
    expect(cells('其中：公费医疗')?.[5]).toBe('含子女统筹区内部政策');
    expect(cells('支出合计')?.[5]).toBe('决算报表决算数2177万元，不包含居民医保配套补助上解数1568万元');
  });

  it('renhua 自评报告 prints the 2020 comparison budget (seed 003 line 29) beside 2021', async () => {
    const text = await documentText('md', readBody(file('renhua-2021', 'md')));
    expect(text).toContain('2020年，年度财政拨款预算金额共6507.02万元，其中基本支出115.70万元，项目支出6391.32万元');
  });
});

describe.runIf(existsSync('/usr/bin/soffice'))('LibreOffice opens and prints the XLSX and DOCX (one conversion at a time)', () => {
  it('xihu-2022 XLSX: A4 portrait first page, the department, the key figures', () => {
    const pdf = libreOfficePdf(file('xihu-2022', 'xlsx'));
    expect(pdf.firstPageSize).toEqual([595, 842]);
    expect(pdf.pages).toBeGreaterThanOrEqual(6);
    expect(pdf.pages).toBeLessThanOrEqual(20);
    for (const text of ['南昌市西湖区医疗保障局', '部门整体支出绩效评价基础数据表', '607.94', '554.48', '58.93', '居民医疗保险待遇支付', '依据事件编号']) expect(pdf.text).toContain(text);
  }, 150_000);

  it('xihu-2022 DOCX: A4, the sections in order, the tables', () => {
    const pdf = libreOfficePdf(file('xihu-2022', 'docx'));
    expect(pdf.firstPageSize).toEqual([595, 842]);
    expect(pdf.pages).toBeGreaterThanOrEqual(6);
    expect(pdf.pages).toBeLessThanOrEqual(25);
    const positions = ['一、部门基本情况', '二、绩效自评情况', '三、存在问题及改进措施', '四、自评结果应用和公开情况', '部门整体支出绩效评价基础数据表', '附：数据依据'].map((h) => pdf.text.indexOf(h));
    for (const p of positions) expect(p).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const text of ['607.94', '554.48', '58.93', '54.49']) expect(pdf.text).toContain(text);
  }, 150_000);

  it('leshan 2019 DOCX: the 部门决算 tables print with their totals', () => {
    const pdf = libreOfficePdf(file('leshan-2019', 'docx'));
    expect(pdf.firstPageSize).toEqual([595, 842]);
    for (const text of ['收入支出决算总表', '一般公共预算财政拨款支出决算表', '1382.90', '1372.64', '878.15', '683.28', '社会保障和就业支出']) expect(pdf.text).toContain(text);
  }, 150_000);

  it('leshan 项目绩效目标完成情况表 XLSX: one A4 form with the budget block and the seed\'s indicators', () => {
    const pdf = libreOfficePdf(file('leshan-2019-project', 'xlsx'));
    expect(pdf.firstPageSize).toEqual([595, 842]);
    expect(pdf.pages).toBeLessThanOrEqual(3);
    for (const text of ['项目绩效目标完成情况表', '其中-财政拨款', '87.00', '28.84', '参保人员对医保服务满意度']) expect(pdf.text).toContain(text);
  }, 150_000);

  it('leshan program XLSX: the 自评表 and the per-unit table print', () => {
    const pdf = libreOfficePdf(file('leshan-program', 'xlsx'));
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBeLessThanOrEqual(10);
    for (const text of ['乐山市医疗保障局', '犍为县医疗保障局', '140.00', '73.84']) expect(pdf.text).toContain(text);
  }, 150_000);
});
