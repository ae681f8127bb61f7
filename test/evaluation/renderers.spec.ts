import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { bem } from '../support/cli';
import { storeWith } from './support';

const ARTIFACTS = resolve(__dirname, '../artifacts');
let store: string;
const out = (name: string) => join(ARTIFACTS, name);
const run = async (format: string, file?: string) => {
  const result = await bem(store, 'evaluate', '--department', 'xh-ybj', '--year', '2022', '--profile', 'national', '--format', format, ...(file ? ['--out', file] : []));
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

describe('bem evaluate renderers (xihu-2022)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    store = await storeWith('xihu-2022');
  });

  it('XLSX: one sheet per form, figures as numbers (万元 in the title line, never in a cell), event ids on 依据', async () => {
    await run('xlsx', out('xihu-2022.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out('xihu-2022.xlsx'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['自评报告', '基础数据表', '绩效目标自评表', '自评打分表', '依据']));
    const rowOf = (sheet: string, label: string) => (workbook.getWorksheet(sheet)!.getSheetValues().find((row) => Array.isArray(row) && row.includes(label)) ?? []) as unknown[];
    const basic = workbook.getWorksheet('基础数据表')!;
    expect(basic.getCell('A1').value).toBe('部门整体支出绩效评价基础数据表');
    expect(basic.getCell('A2').value).toBe('金额单位：万元');
    expect(rowOf('基础数据表', '支出合计').slice(1, 6)).toEqual(['支出合计', '—', 607.94, 554.48, 554.48]);
    const numFmts = basic.getSheetValues().flatMap((_, r) => (r ? [1, 2, 3, 4, 5].map((c) => basic.getCell(r, c).numFmt ?? '') : []));
    expect(numFmts.some((f) => f.includes('万元'))).toBe(false);
    expect(rowOf('自评报告', '政府采购执行率').slice(1, 3)).toEqual(['政府采购执行率', 58.93]);
    expect(rowOf('自评报告', '公用经费控制率').slice(1, 3)).toEqual(['公用经费控制率', 54.49]);
    const pay = rowOf('绩效目标自评表', '居民医疗保险待遇支付');
    expect(pay.slice(pay.indexOf('居民医疗保险待遇支付') + 2, pay.indexOf('居民医疗保险待遇支付') + 5)).toEqual(['>2460万元', '2441', '否']);
    expect(JSON.stringify(basic.getSheetValues())).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(JSON.stringify(workbook.getWorksheet('依据')!.getSheetValues())).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('DOCX: the seeds\' section order, tables with the figures', async () => {
    await run('docx', out('xihu-2022.docx'));
    const zip = await JSZip.loadAsync(readFileSync(out('xihu-2022.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const positions = ['一、部门基本情况', '二、绩效自评情况', '三、存在问题及改进措施', '四、自评结果应用和公开情况', '部门整体支出绩效评价基础数据表'].map((h) => text.indexOf(h));
    for (const p of positions) expect(p).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('58.93');
    expect(text).toContain('54.49');
    expect(text).toContain('居民医疗保险待遇支付');
    expect(xml).toContain('<w:tbl>');
  });

  it('HTML carries evidence event ids; Markdown has the tables', async () => {
    const html = await run('html');
    expect(html).toContain('data-evidence="');
    expect(html).toContain('政府采购执行率');
    const md = await run('md');
    expect(md).toContain('## 二、绩效自评情况');
    expect(md).toMatch(/\| 政府采购执行率 \| 58\.93% \|/);
  });

  it.runIf(existsSync('/usr/bin/chromium'))('PDF: Chinese text renders (pdftotext) and pages rasterise (pdftoppm)', async () => {
    await run('pdf', out('xihu-2022.pdf'));
    const text = execFileSync('pdftotext', ['-layout', out('xihu-2022.pdf'), '-'], { encoding: 'utf8' });
    for (const heading of ['一、部门基本情况', '二、绩效自评情况', '三、存在问题及改进措施', '四、自评结果应用和公开情况']) expect(text).toContain(heading);
    expect(text).toContain('58.93');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', out('xihu-2022.pdf'), out('xihu-2022-page')]);
    expect(existsSync(out('xihu-2022-page-1.png')) || existsSync(out('xihu-2022-page-01.png'))).toBe(true);
  }, 60_000);
});
