import { money, unknownDepartment } from '@bem/domain';
import { type ProgressFigures, type ProjectProgress, type Totals, addTotals, emptyTotals, figuresOf } from '@bem/read-models';
import type { ProgressProjection, ViewRequest } from '@bem/read-models';
import type { DepartmentInfo } from '@bem/read-models';
import type { RegionIndex } from './region-index';

/** One department of a region: its own figures, and `region` = its own plus all its descendants'. */
export interface RegionUnitProgress extends ProgressFigures {
  code: string;
  name: string;
  level: string | null;
  parentCode: string | null;
  depth: number;
  region: ProgressFigures;
}

/**
 * `bem progress --scope region --json`: the progress document of a department and all its descendants. Totals are
 * the sums of the units' own figures (an allocation pair nets to zero inside the region, see progress-facts);
 * `projects` lists every unit's projects with their `departmentCode`; `units` lists the units, root first.
 */
export interface RegionProgress extends ProgressFigures {
  scope: 'region';
  asOf: string;
  knownAt: string | null;
  department: DepartmentInfo;
  fiscalYear: number;
  projects: (ProjectProgress & { departmentCode: string })[];
  units: RegionUnitProgress[];
}

const totalsOf = (f: ProgressFigures): Totals => ({
  budgetInitial: money(f.budgetInitial),
  budgetCurrent: money(f.budgetCurrent),
  arrived: money(f.arrived),
  paid: money(f.paid),
});

export async function regionProgress(
  progress: ProgressProjection,
  index: RegionIndex,
  code: string,
  fiscalYear: number,
  request: ViewRequest = {},
): Promise<RegionProgress> {
  await index.catchUp();
  const units = index.subtree(code);
  if (units.length === 0) throw unknownDepartment(code);
  const own = new Map<string, Totals>();
  const projects: RegionProgress['projects'] = [];
  let root: Awaited<ReturnType<ProgressProjection['department']>> | undefined;
  for (const unit of units) {
    const document = await progress.department(unit.code, fiscalYear, request);
    root ??= document;
    own.set(unit.code, totalsOf(document));
    for (const project of document.projects) projects.push({ departmentCode: unit.code, ...project });
  }
  // Subtree totals bottom-up: the deepest units first, each adding itself to its parent.
  const subtree = new Map<string, Totals>(units.map((unit) => [unit.code, own.get(unit.code) ?? emptyTotals()]));
  for (const unit of [...units].sort((a, b) => b.depth - a.depth)) {
    if (unit.depth === 0 || !unit.parentCode) continue;
    subtree.set(unit.parentCode, addTotals(subtree.get(unit.parentCode) ?? emptyTotals(), subtree.get(unit.code) ?? emptyTotals()));
  }
  const rows: RegionUnitProgress[] = units.map((unit) => ({
    code: unit.code,
    name: unit.name,
    level: unit.level ?? null,
    parentCode: unit.parentCode ?? null,
    depth: unit.depth,
    ...figuresOf(own.get(unit.code) ?? emptyTotals()),
    region: figuresOf(subtree.get(unit.code) ?? emptyTotals()),
  }));
  const total = units.reduce((sum, unit) => addTotals(sum, own.get(unit.code) ?? emptyTotals()), emptyTotals());
  return {
    scope: 'region',
    asOf: root?.asOf ?? '',
    knownAt: root?.knownAt ?? null,
    department: root?.department ?? { code, name: '' },
    fiscalYear,
    ...figuresOf(total),
    projects,
    units: rows,
  };
}
