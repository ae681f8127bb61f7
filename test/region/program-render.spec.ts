import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../apps/api/src/create-app';
import { call, startApi, tokenFor } from '../support/api';
import { bem, fixture, freshStore, json } from '../support/cli';

/**
 * The 转移支付区域绩效目标自评表 (issue 9) in the year-end evaluation's formats: the 乐山 split of 医疗服务与保障能力提升补助
 * 2019 (seed 000), 市本级 87万 + 53万 over 11 districts and counties, 犍为's 8万 arriving only in 2020.
 */
const store = freshStore();
const dir = mkdtempSync(join(tmpdir(), 'bem-program-'));
const args = ['program', '--program', 'ylfw-nlts', '--department', 'ls-ybj', '--year', '2019'];
const run = async (format: string, file?: string) => {
  const result = await bem(store, ...args, '--format', format, ...(file ? ['--out', file] : []));
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};
/** The printed shape of the 自评表 (seed 002 附件2–4), then the per-unit form. */
const HEADINGS = ['转移支付（项目）名称', '中央主管部门', '地方主管部门', '项目资金（万元）', '年度总体目标', '绩效指标', '分地区（单位）资金下达及执行情况'];
/** Every row of a sheet whose first cells hold `label` (units are indented with full-width spaces). */
const rowsOf = (workbook: ExcelJS.Workbook, sheet: string, label: string) =>
  workbook.getWorksheet(sheet)!.getSheetValues().filter((row) => Array.isArray(row) && String(row[1] ?? '').trim() === label).map((row) => (row as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)));
const TITLE = '乐山市医疗保障局2019年度转移支付区域（项目）绩效目标自评表';
/** A 项目资金 row of the 自评表 sheet: 全年预算数（A）(column 4, merged over 5), 全年执行数（B）(6), 预算执行率（B/A）(7). */
const fundRow = (workbook: ExcelJS.Workbook, label: string) => {
  const sheet = workbook.getWorksheet('自评表')!;
  const row = sheet.getSheetValues().findIndex((r) => Array.isArray(r) && r[2] === label);
  return { row, values: [4, 6, 7].map((col) => sheet.getCell(row, col).value) };
};

describe('bem program --format (the year-end renderers)', () => {
  let api: RunningApi;
  let token: string;
  beforeAll(async () => {
    expect((await bem(store, 'import', fixture('leshan-program.jsonl'))).code).toBe(0);
    api = await startApi(store);
    token = await tokenFor(api, 'manager', ['ls-ybj']);
  });
  afterAll(() => api?.close());

  it('XLSX: the 自评表 sheet (funds by source, indicators), the per-unit sheet (with 到位), 分解下达; figures as numbers', async () => {
    const file = join(dir, 'program.xlsx');
    await run('xlsx', file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['自评表', '分地区情况', '分解下达明细']);
    const form = workbook.getWorksheet('自评表')!;
    expect(form.getRow(1).getCell(1).value).toBe(TITLE);
    const funds = fundRow(workbook, '年度资金总额');
    expect(funds.values).toEqual([140, 73.84, 52.74]);
    expect(fundRow(workbook, '其中：中央补助').values).toEqual([140, 73.84, 52.74]);
    expect(fundRow(workbook, '地方资金').values).toEqual(['—', '—', '—']); // a source no event speaks of: no figure, never 0.00
    expect(form.getCell(funds.row, 1).value).toBe('项目资金（万元）'); // the block's label spans its four rows
    expect(form.getCell(funds.row, 4).numFmt).toBe('#,##0.00');
    expect(form.getCell(funds.row, 7).numFmt).toContain('%');
    const byName = (name: string) => rowsOf(workbook, '分地区情况', name)[0];
    expect(byName('乐山市医疗保障局').slice(1, 12)).toEqual(['乐山市医疗保障局', 140, expect.any(String), expect.any(String), 53, 87, 87, 100, 28.84, 33.15, 58.16]);
    expect(byName('犍为县医疗保障局')[6]).toBe(8);
    expect(byName('犍为县医疗保障局').slice(13, 15)).toEqual([8, '2020-04-20']);
    expect(byName('合计').slice(6, 11)).toEqual([140, 132, 94.29, 73.84, 52.74]);
    const units = workbook.getWorksheet('分地区情况')!;
    expect(units.pageSetup.orientation).toBe('landscape');
    const budgets = units.getSheetValues().filter((r) => Array.isArray(r) && typeof r[6] === 'number' && String(r[1]).trim() !== '合计').map((r) => (r as unknown[])[6] as number);
    expect(budgets).toHaveLength(12);
    expect(Math.round(budgets.reduce((a, b) => a + b, 0) * 100) / 100).toBe(140);
    const indicators = form.getSheetValues().filter((r) => Array.isArray(r) && (r as unknown[]).some((v) => v === '开展医保宣传活动' || v === '定点医药机构监督检查覆盖率'));
    expect(indicators.map((r) => (r as unknown[]).slice(4, 7))).toEqual([
      ['开展医保宣传活动', '≥3次', '3次'],
      ['定点医药机构监督检查覆盖率', '=100%', '100%'],
    ]);
  });

  it('DOCX: the Chinese headings in order, the tables with the figures', async () => {
    const file = join(dir, 'program.docx');
    await run('docx', file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const positions = [TITLE, ...HEADINGS].map((h) => text.indexOf(h));
    for (const p of positions) expect(p).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const label of ['全年预算数（A）', '全年执行数（B）', '预算执行率（B/A）', '中央补助', '地方资金', '其他资金', '到位率', '未完成原因和改进措施', '犍为县医疗保障局', '马边彝族自治县医疗保障局', '开展医保宣传活动']) {
      expect(text).toContain(label);
    }
    for (const figure of ['140.00', '73.84', '52.74', '94.29', '87.00', '2020-04-20', '≥3次']) expect(text).toContain(figure);
    expect(xml).toContain('<w:tbl>');
  });

  it('Markdown and HTML carry the per-unit rows; JSON is the program document', async () => {
    const md = await run('md');
    expect(md).toContain(`# ${TITLE}`);
    expect(md).toContain('## 分地区（单位）资金下达及执行情况');
    expect(md).toMatch(/\| 　*犍为县医疗保障局 \| 8\.00 \| 2019-\d\d-\d\d \| [^|]+ \| 0\.00 \| 8\.00 \| 0\.00 \| 0\.00% \| 0\.00 \| 0\.00% \| 8\.00 \| 0\.00 \| 8\.00 \| 2020-04-20 \|/);
    expect(md).toMatch(/\| 项目资金（万元） \| 年度资金总额 \|  \| 140\.00 \|  \| 73\.84 \| 52\.74% \|/);
    const html = await run('html');
    expect(html).toContain(`<title>${TITLE}</title>`);
    for (const name of ['市中区医疗保障局', '峨眉山市医疗保障局', '沐川县医疗保障局']) expect(html).toMatch(new RegExp(`<tr><td class="left">　*${name}</td>`));
    expect(html).toContain('<td class="right">94.29%</td>');
    const viaFormat = JSON.parse(await run('json'));
    expect(viaFormat).toEqual(json(await bem(store, ...args, '--json')));
  });

  it('usage: an unknown format, or a binary one without --out, exits 2', async () => {
    expect((await bem(store, ...args, '--format', 'exe')).code).toBe(2);
    expect((await bem(store, ...args, '--format', 'xlsx')).code).toBe(2);
  });

  it('the API renders the same with ?format=, and refuses an unknown one', async () => {
    const path = '/api/v1/departments/ls-ybj/programs/ylfw-nlts?year=2019';
    const md = await call(api, 'GET', `${path}&format=md`, { token });
    expect(md.status).toBe(200);
    expect(md.contentType).toContain('text/markdown');
    expect(md.body).toBe(await run('md'));
    const response = await fetch(`${api.url}${path}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(fundRow(workbook, '年度资金总额').values).toEqual([140, 73.84, 52.74]);
    expect((await call(api, 'GET', `${path}&format=exe`, { token })).status).toBe(400);
    expect((await call(api, 'GET', path, { token })).body).toEqual(json(await bem(store, ...args, '--json')));
  });

  it.runIf(existsSync('/usr/bin/chromium'))('PDF: pdftotext finds the title and the figures', async () => {
    const file = join(dir, 'program.pdf');
    await run('pdf', file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain(TITLE);
    // narrow label cells wrap on the page (转移支付（项目）/ 名称): the ones that print on one line
    for (const heading of ['中央主管部门', '地方主管部门', '全年预算数（A）', '年初设定目标', '全年实际完成情况', '分地区（单位）资金下达及执行情况']) expect(text).toContain(heading);
    expect(text).toContain('94.29');
  }, 60_000);
});
