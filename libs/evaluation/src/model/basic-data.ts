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

/** 部门整体支出绩效评价基础数据表 (seed 001 layout), in 万元; every cell also indexed for the consistency check. */
export function basicDataTable(year: number, projects: readonly ProjectFigures[], prior: readonly ProjectFigures[], index: FigureIndex): ReportTable {
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
  ];
  const names = [...new Set([...projects.filter(isProject).map((p) => p.name), ...prior.filter(isProject).map((p) => p.name)])];
  names.forEach((name, i) => {
    const now = projects.find((p) => p.name === name && isProject(p));
    const before = prior.find((p) => p.name === name && isProject(p));
    lines.push(line(`${i + 1}.${name}`, name, 2, before?.measures ?? null, now?.measures ?? null, BUDGET));
  });
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
    ],
    rows,
  };
}
