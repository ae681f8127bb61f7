import { Money } from '@bem/domain';
import { type FigureIndex, pct, wan } from './figure-index';
import { functionalClassOf, functionalCodeName } from './functional-codes';
import { M, Measures, type Traced, fundRowMeasure, rate } from './measures';
import type { ProjectFigures } from './project-figures';
import type { ReportTable, TableRow } from './report';

/**
 * The 部门决算 tables (seed 000): 收入支出决算总表 and 一般公共预算财政拨款支出决算表 by 功能分类科目, from the same
 * measures as the 基础数据表; printed for a year whose projects carry their 功能分类科目 (RegisterProject.functionalCode).
 */
const sumOf = (projects: readonly ProjectFigures[], pick: (p: ProjectFigures) => boolean = () => true): Measures => {
  const sum = new Measures();
  for (const project of projects) if (pick(project)) sum.merge(project.measures);
  return sum;
};

const plus = (...parts: Traced[]): Traced => ({ value: parts.reduce((total, p) => total.plus(p.value), new Money(0)), evidence: parts.flatMap((p) => p.evidence) });
const minus = (a: Traced, b: Traced): Traced => ({ value: a.value.minus(b.value), evidence: [...a.evidence, ...b.evidence] });

/** 一般公共预算财政拨款 of a set of projects: 预算 (当年 + 上年结转, fiscal sources) and 决算 (payments charged to them). */
const fiscalBudget = (m: Measures): Traced => plus(m.get(fundRowMeasure('current', 'full')), m.get(fundRowMeasure('carryover', 'full')));

function incomeAndExpenditure(projects: readonly ProjectFigures[], index: FigureIndex): ReportTable {
  const all = sumOf(projects);
  const basic = sumOf(projects, (p) => p.kind === 'basic');
  const fiscalIncome = all.get(fundRowMeasure('current', 'full'));
  const otherIncome = minus(all.get(fundRowMeasure('other', 'full')), all.get(M.otherCarryover));
  const income = plus(fiscalIncome, otherIncome);
  const carryIn = plus(all.get(fundRowMeasure('carryover', 'full')), all.get(M.otherCarryover));
  const totalIn = plus(income, carryIn);
  const paid = all.get(M.paid);
  const lines: [string, number, Traced, Traced | null][] = [
    ['本年收入合计', 0, income, null],
    ['一般公共预算财政拨款收入', 1, fiscalIncome, income],
    ['其他收入', 1, otherIncome, income],
    ['年初结转和结余', 0, carryIn, null],
    ['收入总计', 0, totalIn, null],
    ['本年支出合计', 0, paid, null],
    ['基本支出', 1, basic.get(M.paid), paid],
    ['人员经费', 2, sumOf(projects, (p) => p.kind === 'basic' && p.basicClass !== 'public').get(M.paid), null],
    ['日常公用经费', 2, all.get(M.publicPaid), null],
    ['项目支出', 1, sumOf(projects, (p) => p.kind === 'project').get(M.paid), paid],
    ['年末结转和结余', 0, minus(totalIn, paid), null],
    ['支出总计', 0, totalIn, null],
  ];
  const rows: TableRow[] = lines.map(([label, depth, figure, whole]) => {
    index.money(`收入支出决算/${label}`, figure);
    const share = whole ? rate(figure, whole) : null;
    index.percent(`收入支出决算/${label}/占比`, share);
    return { cells: { label, amount: wan(figure), share: pct(share) }, evidence: figure.evidence, depth };
  });
  return {
    id: 'final-accounts', title: '收入支出决算总表', unit: '万元',
    columns: [{ key: 'label', label: '项目', kind: 'text' }, { key: 'amount', label: '金额', kind: 'wan' }, { key: 'share', label: '占比(%)', kind: 'percent' }],
    rows,
  };
}

function fiscalByFunction(projects: readonly ProjectFigures[], index: FigureIndex): ReportTable {
  const codeOf = (p: ProjectFigures) => p.functionalCode ?? '';
  const codes = [...new Set(projects.map(codeOf))].sort();
  const classes = [...new Set(codes.map(functionalClassOf))];
  const total = sumOf(projects);
  const totalPaid = total.get(M.fiscalPaid);
  const row = (key: string, code: string, name: string, depth: number, m: Measures, withShare: boolean): TableRow => {
    const [budget, paid] = [fiscalBudget(m), m.get(M.fiscalPaid)];
    const completion = rate(paid, budget);
    const share = withShare ? rate(paid, totalPaid) : null;
    index.money(`财政拨款支出/${key}/预算`, budget);
    index.money(`财政拨款支出/${key}/决算`, paid);
    index.percent(`财政拨款支出/${key}/完成预算`, completion);
    index.percent(`财政拨款支出/${key}/占比`, share);
    index.money(`财政拨款支出/${key}/结余`, minus(budget, paid));
    // the 项 indented in its name: the code column stays one line wide
    return { cells: { code: code || null, name: `${'　'.repeat(depth)}${name}`, budget: wan(budget), paid: wan(paid), completion: pct(completion), share: pct(share) }, evidence: [...budget.evidence, ...paid.evidence] };
  };
  const rows: TableRow[] = [];
  for (const cls of classes) {
    rows.push(row(cls || '未列科目', cls, cls ? (functionalCodeName(cls) ?? '') : '未列科目', 0, sumOf(projects, (p) => functionalClassOf(codeOf(p)) === cls), true));
    for (const code of codes.filter((c) => c !== cls && functionalClassOf(c) === cls && c !== '')) {
      const measures = sumOf(projects, (p) => codeOf(p) === code);
      // a 科目 spent only from other funds has no 财政拨款 line
      if (fiscalBudget(measures).evidence.length || measures.get(M.fiscalPaid).evidence.length) rows.push(row(code, code, functionalCodeName(code) ?? '', 1, measures, false));
    }
  }
  rows.push(row('合计', '', '合计', 0, total, false));
  index.percent('财政拨款支出/合计/占本年支出合计', rate(totalPaid, total.get(M.paid)));
  return {
    id: 'fiscal-by-function', title: '一般公共预算财政拨款支出决算表', unit: '万元',
    columns: [
      { key: 'code', label: '科目编码', kind: 'text' }, { key: 'name', label: '科目名称', kind: 'text' }, { key: 'budget', label: '预算数', kind: 'wan' },
      { key: 'paid', label: '决算数', kind: 'wan' }, { key: 'completion', label: '完成预算(%)', kind: 'percent' }, { key: 'share', label: '占比(%)', kind: 'percent' },
    ],
    rows,
  };
}

/** Both tables, or none when no project of the year names its 功能分类科目. */
export function finalAccountsTables(projects: readonly ProjectFigures[], index: FigureIndex): ReportTable[] {
  if (!projects.some((p) => p.functionalCode)) return [];
  return [incomeAndExpenditure(projects, index), fiscalByFunction(projects, index)];
}
