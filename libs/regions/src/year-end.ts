import { formatFen, unknownDepartment } from '@bem/domain';
import type { RegionIndex } from './region-index';

/** One project's balance at the year boundary and what became of it: balance = carried + cancelled + open. */
export interface YearEndRow {
  projectId: string;
  departmentCode: string;
  name: string;
  allocatedOut: string;
  paid: string;
  /** own budget: issued + adjusted − allocated out (as budgetCurrent in progress) */
  budget: string;
  /** 结余: budget − paid */
  balance: string;
  carried: string;
  cancelled: string;
  /** still undisposed (neither carried nor cancelled) */
  open: string;
  carriedTo: string[];
}

export interface YearEnd {
  department: { code: string; name: string };
  fiscalYear: number;
  scope: 'department' | 'region';
  projects: YearEndRow[];
  totals: Omit<YearEndRow, 'projectId' | 'departmentCode' | 'name' | 'carriedTo'>;
  /** true when every balance is carried or cancelled to the cent */
  reconciled: boolean;
}

/** 年度结转与注销 of a department (or its region): every project's balance and its disposition. */
export async function yearEnd(index: RegionIndex, code: string, fiscalYear: number, scope: 'department' | 'region' = 'department'): Promise<YearEnd> {
  await index.catchUp();
  const root = index.department(code);
  if (!root) throw unknownDepartment(code);
  const codes = scope === 'region' ? index.subtree(code).map((unit) => unit.code) : [code];
  const keys = ['budget', 'allocatedOut', 'paid', 'balance', 'carried', 'cancelled', 'open'] as const;
  const sums = Object.fromEntries(keys.map((k) => [k, 0n])) as Record<(typeof keys)[number], bigint>;
  const projects: YearEndRow[] = [];
  const ledgers = await index.ledgers(codes.flatMap((departmentCode) => index.projectsOf(departmentCode, fiscalYear).map((p) => p.projectId)));
  for (const departmentCode of codes) {
    for (const project of index.projectsOf(departmentCode, fiscalYear)) {
      const ledger = ledgers.get(project.projectId);
      // budget: the project's own (issued + adjusted − allocated out), so a region's totals count each yuan once
      const { budgetCurrent: budget, allocatedOut, paid, carriedForward: carried, balanceCancelled: cancelled } = ledger.figures;
      const balance = budget - paid;
      const figures = { budget, allocatedOut, paid, balance, carried, cancelled, open: balance - carried - cancelled };
      for (const k of keys) sums[k] += figures[k];
      projects.push({
        projectId: project.projectId,
        departmentCode,
        name: project.name,
        ...(Object.fromEntries(keys.map((k) => [k, formatFen(figures[k])])) as Record<(typeof keys)[number], string>),
        carriedTo: [...new Set(ledger.carriedForward.map((c) => c.data.toProjectId))],
      });
    }
  }
  return {
    department: { code: root.code, name: root.name },
    fiscalYear,
    scope,
    projects,
    totals: Object.fromEntries(keys.map((k) => [k, formatFen(sums[k])])) as YearEnd['totals'],
    reconciled: projects.every((row) => row.open === '0.00'),
  };
}
