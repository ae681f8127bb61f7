import { type LedgerCommand, parseCommand } from '@bem/domain';

/**
 * The demo's current fiscal year, a pure function of the start date (China date, YYYY-MM-DD): the year of that date,
 * every fact dated on or before it, placed at fractions of the days elapsed since 1 January. Beside the sichuan-2020
 * history it gives a first start open projects a clerk can pay from at once, arrivals, payments under way against
 * 序时进度, indicators with targets and some actuals, and the checkpoints of 川财绩〔2025〕10号 (one passed once April
 * is over). Amounts are integer 分 (bigint), printed as 元 with 2 decimals.
 */
export const DEMO_DEPARTMENT = 'sc-ybj';
export const CURRENT_YEAR_PROFILE = 'sichuan-2025';

interface DemoProject {
  key: string;
  name: string;
  kind: 'basic' | 'project';
  /** budget in 元 (integer) */
  budget: bigint;
  source: 'provincial' | 'central';
  /** per mille of 序时进度 paid so far (1000 = on schedule), split over the payment dates */
  pace: bigint;
  /** the payments' dates, as per mille of the days elapsed */
  payments: number[];
  indicator?: { name: string; level2: string; target: string; actual: string };
}

const PROJECTS: DemoProject[] = [
  { key: 'basic', name: '基本支出', kind: 'basic', budget: 31_200_000n, source: 'provincial', pace: 980n, payments: [150, 400, 650, 900] },
  { key: 'platform', name: '医保信息平台运行维护', kind: 'project', budget: 18_600_000n, source: 'central', pace: 900n, payments: [300, 600, 850],
    indicator: { name: '平台系统可用率', level2: '质量指标', target: '≥99%', actual: '99.2%' } },
  { key: 'capacity', name: '医疗保障能力建设', kind: 'project', budget: 2_400_000n, source: 'provincial', pace: 350n, payments: [450, 800],
    indicator: { name: '开展医保业务培训', level2: '数量指标', target: '≥12次', actual: '4次' } },
  { key: 'ydjy', name: '异地就医直接结算服务', kind: 'project', budget: 1_800_000n, source: 'provincial', pace: 600n, payments: [200, 500],
    indicator: { name: '跨省直接结算率', level2: '质量指标', target: '≥90%', actual: '86%' } },
];

const DAY = 86_400_000;
const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const isoOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const yuanOf = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/** The ledger commands of the current demo year, validated by the domain's schemas (a generator bug fails loudly). */
export function currentYearDemo(startDate: string): LedgerCommand[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) throw new Error(`demo start date ${startDate} is not YYYY-MM-DD`);
  const year = Number(startDate.slice(0, 4));
  const first = Date.UTC(year, 0, 1);
  const elapsedDays = Math.round((dayOf(startDate) - first) / DAY);
  const yearDays = Math.round((Date.UTC(year + 1, 0, 1) - first) / DAY);
  /** a date at `perMille` of the days elapsed (never after the start date) */
  const at = (perMille: number) => isoOf(first + Math.floor((elapsedDays * perMille) / 1000) * DAY);
  // 序时进度 in per mille of the year, at least 1 % so that a start in early January still pays something
  const elapsed = BigInt(Math.max(10, Math.floor((elapsedDays * 1000) / yearDays)));
  let n = 0;
  const id = () => `demo-${year}-${String(++n).padStart(4, '0')}`;
  const lines: Record<string, unknown>[] = [
    { command: 'AssignProfile', id: id(), departmentCode: DEMO_DEPARTMENT, fiscalYear: year, monitoring: CURRENT_YEAR_PROFILE },
  ];
  for (const project of PROJECTS) {
    const projectId = `sc-${year}-${project.key}`;
    const budgetFen = project.budget * 100n;
    lines.push(
      { command: 'RegisterProject', id: id(), projectId, departmentCode: DEMO_DEPARTMENT, fiscalYear: year, name: project.name, kind: project.kind },
      { command: 'IssueBudget', id: id(), projectId, occurredOn: at(0), amount: yuanOf(budgetFen), source: project.source, basis: 'initial', document: '年初部门预算' },
      // Funds arrive ahead of spending: half at the start, the rest as the year runs
      { command: 'RecordFundsArrival', id: id(), projectId, occurredOn: at(50), amount: yuanOf(budgetFen / 2n), source: project.source },
      { command: 'RecordFundsArrival', id: id(), projectId, occurredOn: at(700), amount: yuanOf((budgetFen * elapsed) / 2000n), source: project.source },
    );
    const paidFen = (budgetFen * elapsed * project.pace) / 1_000_000n;
    const share = paidFen / BigInt(project.payments.length);
    project.payments.forEach((perMille, index) => {
      const amount = index === project.payments.length - 1 ? paidFen - share * BigInt(index) : share;
      if (amount <= 0n) return;
      lines.push({ command: 'RecordPayment', id: id(), projectId, paymentId: `${projectId}-pay-${index + 1}`, occurredOn: at(perMille), amount: yuanOf(amount), economicCode: project.kind === 'basic' ? '30101' : '30201', source: project.source });
    });
    if (project.indicator) {
      const indicatorId = `${projectId}-i1`;
      lines.push(
        { command: 'SetIndicator', id: id(), projectId, indicatorId, level1: '产出指标', level2: project.indicator.level2, name: project.indicator.name, target: project.indicator.target, weight: '10' },
        { command: 'RecordIndicatorActual', id: id(), projectId, indicatorId, occurredOn: at(950), value: project.indicator.actual },
      );
    }
  }
  return lines.map((line) => {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(`demo line ${String(line.id)}: ${parsed.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    return parsed.command;
  });
}
