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

  it('XLSX: one sheet per table, figures as numbers with 万元 / % formats', async () => {
    await run('xlsx', out('xihu-2022.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out('xihu-2022.xlsx'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['自评结论', '部门整体支出绩效评价基础数据表', '绩效目标自评表', '部门整体支出主要比率', '自评打分表']));
    const basic = workbook.getWorksheet('部门整体支出绩效评价基础数据表')!;
    const total = basic.getRow(4);
    expect(total.getCell(1).value).toBe('支出合计');
    expect(total.getCell(3).value).toBe(607.94);
    expect(total.getCell(4).value).toBe(554.48);
    expect(total.getCell(5).value).toBe(554.48);
    expect(total.getCell(5).numFmt).toContain('万元');
    const ratios = workbook.getWorksheet('部门整体支出主要比率')!;
    const values = ratios.getSheetValues().slice(4).map((row) => (row as unknown[]).slice(1, 3));
    expect(values).toEqual(expect.arrayContaining([['政府采购执行率', 58.93], ['公用经费控制率', 54.49]]));
    const indicators = workbook.getWorksheet('绩效目标自评表')!;
    const pay = indicators.getSheetValues().find((row) => Array.isArray(row) && row[3] === '居民医疗保险待遇支付') as unknown[];
    expect(pay.slice(5, 8)).toEqual(['>2460万元', '2441', '否']);
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
    expect(md).toMatch(/\| 政府采购执行率 \| 58\.93 \|/);
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
