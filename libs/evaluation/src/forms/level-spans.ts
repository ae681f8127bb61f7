import { type Cell, textCell } from '../render/filed-document';

/**
 * The 一级 / 二级 cells of indicator rows as printed: a run of rows with the same 一级 shares one cell spanning them,
 * and so does a run with the same 二级 inside it. Returns, per row, the leading cells that row itself carries.
 */
export function levelCells(rows: readonly { level1: string; level2: string }[]): Cell[][] {
  const out: Cell[][] = rows.map(() => []);
  let i = 0;
  while (i < rows.length) {
    let end = i;
    while (end + 1 < rows.length && rows[end + 1].level1 === rows[i].level1) end += 1;
    out[i].push(textCell(rows[i].level1, { rowSpan: end - i + 1, align: 'center' }));
    let j = i;
    while (j <= end) {
      let inner = j;
      while (inner + 1 <= end && rows[inner + 1].level2 === rows[j].level2) inner += 1;
      out[j].push(textCell(rows[j].level2, { rowSpan: inner - j + 1, align: 'center' }));
      j = inner + 1;
    }
    i = end + 1;
  }
  return out.map((cells) => cells.map((cell) => (cell.rowSpan === 1 ? { ...cell, rowSpan: undefined } : cell)));
}

/** 主管部门及代码: a 预算单位代码 is digits (347 四川省医疗保障局); an internal key such as sc-ybj is not printed. */
export const departmentWithCode = (project: { departmentCode: string; departmentName: string }): string =>
  /^\d+$/.test(project.departmentCode) ? `${project.departmentCode} ${project.departmentName}` : project.departmentName;
