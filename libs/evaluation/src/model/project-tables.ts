import { FUND_SOURCE_LABELS, type FundSource, Money, percent } from '@bem/domain';
import { M, sourceArranged, sourceUsed } from './measures';
import type { ProjectFigures } from './project-figures';
import type { ReportTable, TableRow } from './report';
import { type FigureIndex, wan } from './figure-index';

/** 项目支出执行情况: 年初 / 调整 / 执行 / 执行率 / 到位率 per project (seed 002, 003). */
export function projectExecutionTable(projects: readonly ProjectFigures[], index: FigureIndex): ReportTable {
  const rows: TableRow[] = projects.map((project) => {
    const m = project.measures;
    const [initial, current, paid, arrived] = [m.get(M.initial), m.get(M.current), m.get(M.paid), m.get(M.arrived)];
    const executionRate = percent(paid.value, current.value);
    if (executionRate !== null) index.percent(`项目/${project.name}/执行率`, { value: paid.value.times(100).div(current.value), evidence: [...paid.evidence, ...current.evidence] });
    index.money(`项目/${project.name}/执行数`, paid);
    index.money(`项目/${project.name}/年初预算`, initial);
    index.money(`项目/${project.name}/调整预算`, current);
    if (arrived.evidence.length && !current.value.isZero()) index.percent(`项目/${project.name}/到位率`, { value: arrived.value.times(100).div(current.value), evidence: [...arrived.evidence, ...current.evidence] });
    return {
      cells: {
        name: project.name, kind: project.kind === 'basic' ? '基本支出' : '项目支出',
        initial: wan(initial), current: wan(current), paid: wan(paid), balance: wan({ value: current.value.minus(paid.value), evidence: [] }),
        executionRate, arrivalRate: arrived.evidence.length ? percent(arrived.value, current.value) : null,
      },
      evidence: [...initial.evidence, ...current.evidence, ...paid.evidence],
    };
  });
  return {
    id: 'project-execution', title: '预算执行情况（分项目）', unit: '万元',
    columns: [
      { key: 'name', label: '项目名称', kind: 'text' }, { key: 'kind', label: '类别', kind: 'text' },
      { key: 'initial', label: '年初预算数', kind: 'wan' }, { key: 'current', label: '调整预算数', kind: 'wan' },
      { key: 'paid', label: '执行数', kind: 'wan' }, { key: 'balance', label: '结余', kind: 'wan' },
      { key: 'executionRate', label: '执行率(%)', kind: 'percent' }, { key: 'arrivalRate', label: '到位率(%)', kind: 'percent' },
    ],
    rows,
  };
}

/** 项目资金 安排 / 实际使用 / 结余 by fund source (seed 001): adjustments and unsourced payments count on the project's first source. */
export function fundSourceTable(projects: readonly ProjectFigures[], index: FigureIndex): ReportTable {
  const rows: TableRow[] = [];
  for (const project of projects.filter((p) => p.kind === 'project')) {
    const sources = new Set(project.measures.names().filter((name) => name.startsWith('source.')).map((name) => name.split('.')[1] as FundSource));
    for (const source of sources) {
      const [arranged, used] = [project.measures.get(sourceArranged(source)), project.measures.get(sourceUsed(source))];
      const label = FUND_SOURCE_LABELS[source] ?? source;
      index.money(`资金来源/${project.name}/${label}/安排`, arranged);
      index.money(`资金来源/${project.name}/${label}/实际使用`, used);
      rows.push({
        cells: { name: project.name, source: label, arranged: wan(arranged), used: wan(used), balance: new Money(arranged.value).minus(used.value).div(10_000).toFixed(2, Money.ROUND_HALF_UP) },
        evidence: [...arranged.evidence, ...used.evidence],
      });
    }
  }
  return {
    id: 'fund-sources', title: '项目资金安排及使用情况（分资金来源）', unit: '万元',
    columns: [
      { key: 'name', label: '项目名称', kind: 'text' }, { key: 'source', label: '资金来源', kind: 'text' },
      { key: 'arranged', label: '安排', kind: 'wan' }, { key: 'used', label: '实际使用', kind: 'wan' }, { key: 'balance', label: '结余', kind: 'wan' },
    ],
    rows,
  };
}
