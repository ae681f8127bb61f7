import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFiledDocument } from '@bem/evaluation';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sampleDocument } from './filed-sample';

const dir = mkdtempSync(join(tmpdir(), 'bem-filed-'));
const render = async (format: 'md' | 'html' | 'docx' | 'xlsx' | 'pdf') => (await renderFiledDocument(sampleDocument(), format)).body;

describe('renderFiledDocument: the filed look in every format', () => {
  it('DOCX: A4 with 公文 margins, a landscape section for a wide form, page number fields, merged cells, black text, evidence appendix', async () => {
    const zip = await JSZip.loadAsync(await render('docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const sections = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(4);
    expect(sections[0]).toContain('w:w="11906"');
    expect(sections[2]).toContain('w:orient="landscape"');
    expect(xml).toMatch(/<w:pgMar w:top="2097"/);
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).not.toMatch(/w:color w:val="(?!000000|FFFFFF|auto)/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.some((f) => f.includes('PAGE'))).toBe(true);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('附：数据依据');
    expect(text).toContain('ev-budget-1');
    expect(text.indexOf('ev-budget-1')).toBeGreaterThan(text.indexOf('附：数据依据'));
    expect(text).toContain('填报单位（盖章）：');
  });

  it('XLSX: one sheet per form and a 依据 sheet; A4 fit to width, repeated header rows, borders, merges, amounts as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await render('xlsx')) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['自评报告', '基础数据表', '自评表', '依据']);
    const basic = workbook.getWorksheet('基础数据表')!;
    expect(basic.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, printTitlesRow: '3:4' });
    expect(workbook.getWorksheet('自评表')!.pageSetup.orientation).toBe('landscape');
    expect(basic.headerFooter.oddFooter).toContain('&P');
    expect(basic.getCell('A2').value).toBe('金额单位：万元');
    expect(basic.getCell('B3').isMerged && basic.getCell('D3').isMerged).toBe(true);
    expect(basic.getCell('A3').isMerged && basic.getCell('A4').isMerged).toBe(true);
    expect(basic.getCell('B5').value).toBe(607.94);
    expect(basic.getCell('B5').numFmt).toBe('#,##0.00');
    expect(basic.getCell('D5').value).toBe(91.21);
    expect(basic.getCell('B6').value).toBe('—');
    expect(basic.getCell('C6').border?.left?.style).toBe('thin');
    expect(basic.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const evidence = workbook.getWorksheet('依据')!;
    expect(JSON.stringify(evidence.getSheetValues())).toContain('ev-budget-1');
    const everyCell = basic.getSheetValues().flat().map(String).join(' ');
    expect(everyCell).not.toContain('ev-budget');
  });

  it('HTML: colspan / rowspan, figures linked to the evidence list; Markdown keeps the grid', async () => {
    const html = (await render('html')).toString('utf8');
    expect(html).toContain('colspan="3"');
    expect(html).toContain('rowspan="2"');
    expect(html).toMatch(/<a class="evidence" href="#evidence-2" title="依据：2条事件" data-evidence="ev-budget-1 ev-budget-2">607\.94<\/a>/);
    expect(html).toContain('@page landscape');
    const md = (await render('md')).toString('utf8');
    expect(md).toContain('| 支出合计 | 607.94 | 554.48 | 91.21% |');
    expect(md).toContain('金额单位：万元');
  });

  it.runIf(existsSync('/usr/bin/chromium'))('PDF: A4 portrait pages, the wide form landscape, page numbers in the footer', async () => {
    const file = join(dir, 'sample.pdf');
    writeFileSync(file, await render('pdf'));
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9', file], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes[0]).toEqual([595, 842]);
    expect(sizes).toContainEqual([842, 595]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('部门整体支出绩效评价基础数据表');
    expect(text).toMatch(/—\s*1\s*—/);
    expect(text).toContain('附：数据依据');
  }, 60_000);
});
