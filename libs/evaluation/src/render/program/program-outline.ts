import { formatWan, money } from '@bem/domain';
import { type BudgetLine, type ProgramView, SOURCE_GROUP_LABELS, type SourceGroup } from '@bem/regions';
import type { ReportTable, TableRow } from '../../model/report';
import type { FiledDocument, FormBlock } from '../filed-document';
import { type GridOptions, reportTableGrid } from '../report/table-grid';

/**
 * The 转移支付区域（项目）绩效目标自评表 of a program over a region (libs/monitoring's ProgramView) as the same
 * format-neutral blocks the year-end report is rendered from: 资金情况 (全年预算数 A / 全年执行数 B / 执行率 B/A by
 * 中央 / 地方 / 其他), 资金到位, the per-unit table, the 分解下达 list and the program's indicators.
 */
const wan = (yuan: string) => formatWan(money(yuan));
const row = (cells: Record<string, string | null>, depth?: number): TableRow => ({ cells, evidence: [], ...(depth ? { depth } : {}) });

export function programTitle(view: ProgramView): string {
  return `${view.department.name}${view.fiscalYear}年度转移支付区域（项目）绩效目标自评表`;
}

function fundsTable(view: ProgramView): ReportTable {
  const line = (label: string, l: BudgetLine, depth?: number) => row({ item: label, budget: wan(l.budget), executed: wan(l.executed), rate: l.executionRate }, depth);
  const groups: SourceGroup[] = ['central', 'local', 'other'];
  return {
    id: 'program-funds',
    title: '年度资金执行情况',
    unit: '万元',
    columns: [
      { key: 'item', label: '项目资金', kind: 'text' },
      { key: 'budget', label: '全年预算数（A）', kind: 'wan' },
      { key: 'executed', label: '全年执行数（B）', kind: 'wan' },
      { key: 'rate', label: '预算执行率（B/A）', kind: 'percent' },
    ],
    rows: [
      line('年度资金总额', view.total),
      ...groups.map((group, i) => line(`${i === 0 ? '其中：' : ''}${SOURCE_GROUP_LABELS[group]}`, view.bySource[group], 1)),
    ],
  };
}

function arrivalTable(view: ProgramView): ReportTable {
  return {
    id: 'program-arrival',
    title: '资金到位情况',
    unit: '万元',
    columns: [
      { key: 'item', label: '项目资金', kind: 'text' },
      { key: 'budget', label: '全年预算数', kind: 'wan' },
      { key: 'arrived', label: '到位数', kind: 'wan' },
      { key: 'rate', label: '资金到位率', kind: 'percent' },
    ],
    rows: [row({ item: '年度资金总额', budget: wan(view.total.budget), arrived: wan(view.arrived), rate: view.arrivalRate })],
  };
}

function unitsTable(view: ProgramView): ReportTable {
  return {
    id: 'program-units',
    title: '分地区（单位）资金下达及执行情况',
    unit: '万元',
    columns: [
      { key: 'unit', label: '单位', kind: 'text' },
      { key: 'received', label: '上级下达', kind: 'wan' },
      { key: 'receivedOn', label: '下达日期', kind: 'text' },
      { key: 'documents', label: '下达文号', kind: 'text' },
      { key: 'allocatedOut', label: '转下达', kind: 'wan' },
      { key: 'budget', label: '全年预算数', kind: 'wan' },
      { key: 'arrived', label: '到位数', kind: 'wan' },
      { key: 'arrivalRate', label: '到位率', kind: 'percent' },
      { key: 'executed', label: '全年执行数', kind: 'wan' },
      { key: 'executionRate', label: '执行率', kind: 'percent' },
      { key: 'carriedForward', label: '结转下年', kind: 'wan' },
      { key: 'cancelled', label: '注销', kind: 'wan' },
      { key: 'arrivedLater', label: '次年到位', kind: 'wan' },
      { key: 'arrivedLaterOn', label: '次年到位日期', kind: 'text' },
    ],
    rows: [
      ...view.units.map((u) =>
        row(
          {
            unit: u.name,
            received: wan(u.received),
            receivedOn: u.receivedOn,
            documents: u.documents.length ? u.documents.join('、') : null,
            allocatedOut: wan(u.allocatedOut),
            budget: wan(u.budget),
            arrived: wan(u.arrived),
            arrivalRate: u.arrivalRate,
            executed: wan(u.executed),
            executionRate: u.executionRate,
            carriedForward: wan(u.carriedForward),
            cancelled: wan(u.cancelled),
            arrivedLater: wan(u.arrivedLater.amount),
            arrivedLaterOn: u.arrivedLater.lastOn,
          },
          u.depth,
        ),
      ),
      row({
        unit: '合计',
        budget: wan(view.total.budget),
        arrived: wan(view.arrived),
        arrivalRate: view.arrivalRate,
        executed: wan(view.total.executed),
        executionRate: view.total.executionRate,
      }),
    ],
  };
}

function allocationsTable(view: ProgramView): ReportTable {
  const name = (code: string) => view.units.find((u) => u.departmentCode === code)?.name ?? code;
  return {
    id: 'program-allocations',
    title: '分解下达明细',
    unit: '万元',
    columns: [
      { key: 'from', label: '下达单位', kind: 'text' },
      { key: 'to', label: '接收单位', kind: 'text' },
      { key: 'occurredOn', label: '下达日期', kind: 'text' },
      { key: 'document', label: '文号', kind: 'text' },
      { key: 'amount', label: '金额', kind: 'wan' },
    ],
    rows: view.allocations.map((a) => row({ from: name(a.fromDepartment), to: name(a.toDepartment), occurredOn: a.occurredOn, document: a.document, amount: wan(a.amount) })),
  };
}

function indicatorsTable(view: ProgramView): ReportTable {
  return {
    id: 'program-indicators',
    title: '绩效指标完成情况',
    unit: null,
    columns: [
      { key: 'level1', label: '一级指标', kind: 'text' },
      { key: 'level2', label: '二级指标', kind: 'text' },
      { key: 'name', label: '三级指标', kind: 'text' },
      { key: 'target', label: '年度指标值', kind: 'text' },
      { key: 'actual', label: '全年实际完成值', kind: 'text' },
    ],
    rows: view.indicators.map((i) => row({ level1: i.level1, level2: i.level2, name: i.name, target: i.target, actual: i.actual })),
  };
}

/** The program table as a filed document: the 自评表 (funds, arrival, indicators), then the per-unit table (landscape) and the 分解下达 list. */
export function programDocument(view: ProgramView): FiledDocument {
  const para = (text: string): FormBlock => ({ type: 'paragraph', text });
  const documents = [...new Set(view.units.flatMap((u) => u.documents))];
  const grid = (t: ReportTable, options?: GridOptions) => reportTableGrid(t, options);
  return {
    title: programTitle(view),
    forms: [
      {
        sheetName: '自评表',
        title: programTitle(view),
        subtitle: `（${view.fiscalYear}年度）`,
        unit: '万元',
        signature: true,
        blocks: [
          para(`转移支付（项目）名称：${view.name}`),
          para(`区域：${view.department.name}　预算年度：${view.fiscalYear}年　数据截至：${view.asOf}`),
          ...(documents.length ? [para(`下达文号：${documents.join('、')}`)] : []),
          { type: 'heading', level: 1, text: '一、资金情况' },
          para(
            `全年预算数${wan(view.total.budget)}万元，全年执行数${wan(view.total.executed)}万元，预算执行率${view.total.executionRate === null ? '—' : `${view.total.executionRate}%`}；` +
              `资金到位${wan(view.arrived)}万元，到位率${view.arrivalRate === null ? '—' : `${view.arrivalRate}%`}。`,
          ),
          grid(fundsTable(view)),
          grid(arrivalTable(view)),
          { type: 'heading', level: 1, text: '二、绩效指标' },
          view.indicators.length ? grid(indicatorsTable(view), { mergeDown: ['level1', 'level2'] }) : para('未设定绩效指标。'),
        ],
      },
      { sheetName: '分地区情况', title: '分地区（单位）资金下达及执行情况', unit: '万元', orientation: 'landscape', blocks: [grid(unitsTable(view), { orientation: 'landscape' })] },
      ...(view.allocations.length ? [{ sheetName: '分解下达明细', title: '分解下达明细', unit: '万元', blocks: [grid(allocationsTable(view))] }] : []),
    ],
  };
}
