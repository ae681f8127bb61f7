import { formatWan, money } from '@bem/domain';

/** Display helpers: amounts arrive as 元 strings ("12852100.00"), rates as percent strings ("23.63") or null. */
const group = (text: string) => {
  const [int, dec] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
};

/** 元 with thousands separators. */
export const yuan = (amount: string | null | undefined): string => (amount == null ? '—' : group(money(amount).toFixed(2)));
const YUAN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** 万元 with 2 decimals (half-up), as the reports print them: integer arithmetic on 分, no Decimal per cell. */
function toWan(amount: string): string {
  const match = YUAN.exec(amount);
  if (!match) return formatWan(money(amount));
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  // 1 万元 = 1,000,000 分; keep 2 decimals of 万元 = units of 10,000 分, rounded half-up.
  const units = (fen + 5_000n) / 10_000n;
  const text = `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;
  return match[1] && units !== 0n ? `-${text}` : text;
}
export const wan = (amount: string | null | undefined): string => (amount == null ? '—' : group(toWan(amount)));
/** 万元 as a number for the charts' plot coordinates only (display; never compared or summed) */
export const wanNumber = (amount: string | null | undefined): number | null => (amount == null ? null : Number(formatWan(money(amount))));
export const pct = (rate: string | null | undefined): string => (rate == null ? '—' : `${rate}%`);

export type Status = 'green' | 'yellow' | 'red' | null | undefined;
export const STATUS_LABEL: Record<string, string> = { green: '正常', yellow: '关注', red: '预警' };
export const statusLabel = (status: Status) => (status ? STATUS_LABEL[status] : '未评价');

export const KIND_LABEL: Record<string, string> = { basic: '基本支出', project: '项目支出' };

export const EVENT_LABEL: Record<string, string> = {
  DepartmentRegistered: '部门登记',
  ProjectRegistered: '项目登记',
  BudgetIssued: '预算下达',
  BudgetAdjusted: '预算调整',
  FundsArrived: '资金到位',
  PaymentMade: '支付',
  PaymentReversed: '冲销',
  IndicatorSet: '绩效目标',
  IndicatorActualRecorded: '实际完成值',
  ProjectClosed: '年度关账',
  DepartmentTextSet: '报告文字',
  IndicatorScoreRecorded: '自评得分',
  ProjectTextSet: '项目文字',
  MonitoringAssessmentRecorded: '监控评估',
};

/** Where an event came from (its metadata.source) */
const SOURCE_LABEL: Record<string, string> = { api: '网页 / 接口', 'api-import': '网页导入', 'cli-import': '命令行导入', import: '文件导入', cli: '命令行', demo: '演示数据', checkpoints: '检查点评价', alerts: '预警' };
/** `api-import:支付明细.xlsx` → 网页导入（支付明细.xlsx） */
export function sourceLabel(source: string | undefined): string {
  if (!source) return '—';
  const [kind, ...rest] = source.split(':');
  const label = SOURCE_LABEL[kind] ?? kind;
  return rest.length ? `${label}（${rest.join(':')}）` : label;
}
export const BASIS_LABEL: Record<string, string> = { initial: '年初预算', supplementary: '追加', carryover: '上年结转' };
export const ADJUST_LABEL: Record<string, string> = {
  increase: '追加',
  decrease: '追减',
  'transfer-in': '调剂调入',
  'transfer-out': '调剂调出',
  cancel: '年末注销',
};
export const ALERT_STATUS_LABEL: Record<string, string> = { open: '待处理', acknowledged: '已确认', disposed: '已处置', overdue: '逾期未处置', resolved: '已恢复' };
export const ROLE_LABEL: Record<string, string> = { clerk: '财务录入员', manager: '负责人', auditor: '审计', admin: '管理员' };
export const FIGURE_LABEL: Record<string, string> = {
  budget: '预算', paid: '支出', progress: '执行进度', target: '目标', alertLine: '预警线', status: '状态', arrived: '到位',
  arrivalRate: '到位率', threshold: '阈值', balance: '结余', lastPaymentOn: '最近支付日', idleDays: '闲置天数',
  thresholdDays: '阈值天数', budgetInitial: '年初预算', changes: '调整额', changeRate: '调整率', indicatorId: '指标',
  proRatedTarget: '按序时折算目标', actual: '实际值', elapsed: '序时进度', attainment: '指标完成率', gapPoints: '偏差',
  projectedPaid: '预测全年支出', forecastRate: '预测执行率',
  requested: '申请支付', available: '可用预算', occurredOn: '支付日期', payments: '笔数', lastAmount: '最近一笔金额', lastAvailable: '当时可用预算', lastOn: '最近一笔日期',
};
const AMOUNT_FIGURES = new Set(['budget', 'paid', 'arrived', 'balance', 'budgetInitial', 'changes', 'projectedPaid', 'requested', 'available', 'lastAmount', 'lastAvailable']);
const RATE_FIGURES = new Set(['progress', 'target', 'alertLine', 'arrivalRate', 'changeRate', 'elapsed', 'forecastRate', 'proRatedTarget', 'attainment']);
/** Rules whose `threshold` is a rate (the dual-gap rule's is in percentage points) */
const RATE_THRESHOLD_RULES = new Set(['lowArrival', 'largeAdjustments', 'yearEndForecast']);
/** An alert figure for display: amounts in 万元, rates in %, points in 个百分点. */
export function figureText(key: string, value: string | null, rule?: string): string {
  if (value === null) return '—';
  if (AMOUNT_FIGURES.has(key) && /^-?\d+(\.\d+)?$/.test(value)) return `${wan(value)} 万元`;
  const isRate = RATE_FIGURES.has(key) || (key === 'threshold' && rule !== undefined && RATE_THRESHOLD_RULES.has(rule));
  if (isRate && /^-?\d+(\.\d+)?$/.test(value)) return `${value}%`;
  if ((key === 'gapPoints' || (key === 'threshold' && rule === 'dualGap')) && /^-?\d+(\.\d+)?$/.test(value)) return `${value} 个百分点`;
  if (key === 'status') return statusLabel(value as Status);
  if ((key === 'idleDays' || key === 'thresholdDays') && /^\d+$/.test(value)) return `${value} 天`;
  return value;
}

/** Local datetime-local value (YYYY-MM-DDTHH:mm) of an ISO instant, and back. */
export const toLocalInput = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};
export const fromLocalInput = (value: string): string | undefined => (value ? new Date(value).toISOString() : undefined);
const two = (n: number) => String(n).padStart(2, '0');
/** An instant as every view prints it: YYYY-MM-DD HH:mm:ss in the reader's time (dates are YYYY-MM-DD everywhere). */
export const localTime = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
};
