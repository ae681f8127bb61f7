import { M, Measures, type Traced, threePublicMeasure } from './measures';
import type { ProjectFigures } from './project-figures';
import type { ReportTable, TableRow } from './report';
import { type FigureIndex, wan } from './figure-index';

const COLUMNS = ['上年决算', '年初预算', '调整预算', '决算'] as const;
type Column = (typeof COLUMNS)[number];

const total = (projects: readonly ProjectFigures[], filter: (p: ProjectFigures) => boolean = () => true): Measures => {
  const sum = new Measures();
  for (const project of projects) if (filter(project)) sum.merge(project.measures);
  return sum;
};

interface Line {
  label: string;
  key: string;
  depth: number;
  figures: Partial<Record<Column, Traced>>;
}

const line = (label: string, key: string, depth: number, prior: Measures | null, now: Measures | null, measures: { initial?: string; current?: string; paid: string }): Line => ({
  label, key, depth,
  figures: {
    上年决算: prior ? prior.get(measures.paid) : undefined,
    年初预算: now && measures.initial ? now.get(measures.initial) : undefined,
    调整预算: now && measures.current ? now.get(measures.current) : undefined,
    决算: now ? now.get(measures.paid) : undefined,
  },
});

const BUDGET = { initial: M.initial, current: M.current, paid: M.paid };
const THREE_PUBLIC: [string, string][] = [['vehicle', '公务用车购置及运行维护费'], ['overseas', '因公出国（境）费'], ['reception', '公务接待费']];

/** The 项目支出 rows: a project by itself (1.业务工作经费), or a category's subtotal (2.专项经费) with its projects under it (其中：…). */
function projectLines(projects: readonly ProjectFigures[], prior: readonly ProjectFigures[]): Line[] {
  const isProject = (p: ProjectFigures) => p.kind === 'project';
  const [now, before] = [projects.filter(isProject), prior.filter(isProject)];
  const measuresOf = (list: ProjectFigures[], pick: (p: ProjectFigures) => boolean) => (list.some(pick) ? total(list, pick) : null);
  // one entry per category (first seen) or per uncategorised project name, this year's order first
  const entries: { category?: string; name?: string }[] = [];
  for (const p of [...now, ...before]) {
    const entry = p.category ? { category: p.category } : { name: p.name };
    if (!entries.some((e) => e.category === entry.category && e.name === entry.name)) entries.push(entry);
  }
  return entries.flatMap((entry, i) => {
    if (entry.name !== undefined) {
      const pick = (p: ProjectFigures) => !p.category && p.name === entry.name;
      return [line(`${i + 1}.${entry.name}`, entry.name, 2, measuresOf(before, pick), measuresOf(now, pick), BUDGET)];
    }
    const inCategory = (p: ProjectFigures) => p.category === entry.category;
    const names = [...new Set([...now, ...before].filter(inCategory).map((p) => p.name))];
    return [
      line(`${i + 1}.${entry.category}`, entry.category!, 2, measuresOf(before, inCategory), measuresOf(now, inCategory), BUDGET),
      ...names.map((name, j) => {
        const pick = (p: ProjectFigures) => inCategory(p) && p.name === name;
        return line(`${j === 0 ? '其中：' : ''}${name}`, name, 3, measuresOf(before, pick), measuresOf(now, pick), BUDGET);
      }),
    ];
  });
}

/**
 * 部门整体支出绩效评价基础数据表 (seed 001 layout), in 万元, with the office's 备注 per row (SetDepartmentText with a
 * row); every cell also indexed for the consistency check.
 */
export function basicDataTable(year: number, projects: readonly ProjectFigures[], prior: readonly ProjectFigures[], index: FigureIndex, remarks: ReadonlyMap<string, string> = new Map()): ReportTable {
  const isBasic = (p: ProjectFigures) => p.kind === 'basic';
  const isProject = (p: ProjectFigures) => p.kind === 'project';
  // no event of the comparison year at all: its column is blank, not an invented 0.00
  const priorTotal = (filter?: (p: ProjectFigures) => boolean) => (prior.length ? total(prior, filter) : null);
  const [all, priorAll] = [total(projects), priorTotal()];
  const lines: Line[] = [
    line('支出合计', '支出合计', 0, priorAll, all, BUDGET),
    line('（一）基本支出', '基本支出', 1, priorTotal(isBasic), total(projects, isBasic), BUDGET),
    line('其中：三公经费', '三公经费', 2, priorAll, all, { initial: M.threePublicBudgetInitial, current: M.threePublicBudget, paid: M.threePublicPaid }),
    ...THREE_PUBLIC.map(([category, label], i) => line(`${i + 1}.${label}`, label, 3, priorAll, all, { paid: threePublicMeasure(category) })),
    line('（二）项目支出', '项目支出', 1, priorTotal(isProject), total(projects, isProject), BUDGET),
    ...projectLines(projects, prior),
  ];
  lines.push(line('政府采购金额', '政府采购金额', 0, priorAll, all, { initial: M.procurementBudgetInitial, current: M.procurementBudget, paid: M.procurementPaid }));
  lines.push(line('资产购置支出', '资产购置支出', 0, priorAll, all, { paid: M.assetPaid }));
  const rows: TableRow[] = lines.map((entry) => {
    const cells: Record<string, string | null> = { label: entry.label };
    const evidence: string[] = [];
    for (const column of COLUMNS) {
      const figure = entry.figures[column];
      cells[column] = wan(figure);
      if (figure) {
        index.money(`基础数据表/${entry.key}/${column}`, figure);
        evidence.push(...figure.evidence);
      }
    }
    cells.remark = remarks.get(entry.key) ?? null;
    return { cells, evidence, depth: entry.depth };
  });
  return {
    id: 'basic-data',
    title: '部门整体支出绩效评价基础数据表',
    unit: '万元',
    columns: [
      { key: 'label', label: '经费控制情况', kind: 'text' },
      { key: '上年决算', label: `${year - 1}年决算数`, kind: 'wan' },
      { key: '年初预算', label: `${year}年年初预算数`, kind: 'wan' },
      { key: '调整预算', label: `${year}年调整预算数`, kind: 'wan' },
      { key: '决算', label: `${year}年决算数`, kind: 'wan' },
      { key: 'remark', label: '备注', kind: 'text' },
    ],
    rows,
  };
}
