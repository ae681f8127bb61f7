import { describe, expect, it } from 'vitest';
import { type Grid, labelCell, moneyCell, percentCell, textCell } from '../filed-document';
import { printableWidthMm } from './look';
import { columnFractions, evidenceNotes, textUnits } from './layout';

const CHAR_MM = 10.5 * 0.3528;

describe('column widths from the content', () => {
  it('never makes a column narrower than its widest figure, taking the room from wider text columns', () => {
    const grid: Grid = {
      type: 'grid', headerRows: 0, columns: [30, 2, 2].map((width) => ({ width })),
      rows: [[textCell('一段很长的偏差原因分析及改进措施'), percentCell('100.00'), moneyCell('12345678.90', { unit: '元', decimals: 2 })]],
    };
    const widthsMm = columnFractions(grid).map((fraction) => fraction * printableWidthMm('portrait'));
    expect(widthsMm[1]).toBeGreaterThanOrEqual((textUnits('100.00%') + 1) * CHAR_MM);
    expect(widthsMm[2]).toBeGreaterThanOrEqual((textUnits('12345678.90') + 1) * CHAR_MM);
    expect(widthsMm.reduce((a, b) => a + b, 0)).toBeCloseTo(printableWidthMm('portrait'));
  });

  it('keeps the builder proportions when every figure fits', () => {
    const grid: Grid = { type: 'grid', headerRows: 0, columns: [10, 10].map((width) => ({ width })), rows: [[textCell('甲'), percentCell('9.00')]] };
    expect(columnFractions(grid)).toEqual([0.5, 0.5]);
  });
});

describe('the evidence appendix', () => {
  it('says where a figure sits by its row name and the label above its column', () => {
    const grid: Grid = {
      type: 'grid', headerRows: 0, columns: [4, 8, 8].map((width) => ({ width })),
      rows: [
        [labelCell('项目资金', { rowSpan: 3 }), labelCell('年初预算数'), labelCell('全年执行数')],
        [moneyCell('100.00', undefined, ['e1']), moneyCell('90.00', undefined, ['e2', 'e3'])],
        [moneyCell('5.00', undefined, ['e4']), moneyCell('5.00', undefined, ['e5'])],
      ],
    };
    grid.rows[1].unshift(textCell('年度资金总额', { names: true }));
    grid.columns.unshift({ width: 6 });
    grid.rows[0].splice(1, 0, labelCell(''));
    grid.rows[2].unshift(textCell('其中：当年财政拨款', { names: true }));
    const notes = evidenceNotes({ title: '表', forms: [{ sheetName: '表', title: '表', blocks: [grid] }] });
    expect(notes.map((note) => [note.where, note.ids])).toEqual([
      ['年度资金总额 · 年初预算数', ['e1']], ['年度资金总额 · 全年执行数', ['e2', 'e3']],
      ['其中：当年财政拨款 · 年初预算数', ['e4']], ['其中：当年财政拨款 · 全年执行数', ['e5']],
    ]);
  });
});
