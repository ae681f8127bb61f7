import { formatWan, money } from '@bem/domain';
import type { ProgramView } from '@bem/regions';
import type { ReportTable, TableRow } from '../../model/report';
import type { DisplayUnit, FiledDocument } from '../filed-document';
import { programSelfEvaluationForm } from './program-form';
import { type GridOptions, reportTableGrid } from '../report/table-grid';

/**
 * The 转移支付区域（项目）绩效目标自评表 of a program over a region (libs/regions' ProgramView) as the format-neutral
 * forms every renderer draws: the 自评表 itself, the per-unit table and the 分解下达 list.
 */
const wan = (yuan: string) => formatWan(money(yuan));
const row = (cells: Record<string, string | null>, depth?: number): TableRow => ({ cells, evidence: [], ...(depth ? { depth } : {}) });

export function programTitle(view: ProgramView): string {
  return `${view.department.name}${view.fiscalYear}年度转移支付区域（项目）绩效目标自评表`;
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

/**
 * The program table as a filed document: the 自评表 in its printed shape (program-form.ts), then the per-unit table
 * (landscape, with 到位 and the year boundary) and the 分解下达 list.
 */
export function programDocument(view: ProgramView, display?: DisplayUnit): FiledDocument {
  const grid = (t: ReportTable, options?: GridOptions) => reportTableGrid(t, options);
  return {
    title: programTitle(view),
    forms: [
      programSelfEvaluationForm(view, programTitle(view), display),
      { sheetName: '分地区情况', title: '分地区（单位）资金下达及执行情况', unit: '万元', orientation: 'landscape', blocks: [grid(unitsTable(view), { orientation: 'landscape' })] },
      ...(view.allocations.length ? [{ sheetName: '分解下达明细', title: '分解下达明细', unit: '万元', blocks: [grid(allocationsTable(view))] }] : []),
    ],
  };
}
