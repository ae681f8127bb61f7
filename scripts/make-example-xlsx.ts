/**
 * Writes examples/支付明细.xlsx, the XLSX ledger the README imports (`bem import examples/支付明细.xlsx --unit 万元`):
 * a 2021 project of the demo's 四川省医疗保障局 (sc-ybj) registered, issued and paid, with the Chinese headers of
 * libs/ledger-io/README.md and amounts in 万元. Run `npx tsx scripts/make-example-xlsx.ts` after changing it.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const HEADERS = ['编号', '类型', '日期', '部门编码', '项目编码', '预算年度', '名称', '支出类型', '金额（万元）', '资金来源', '下达依据', '支付编号', '经济分类', '摘要'];
const ROWS: (string | number | null)[][] = [
  ['xlsx-2021-001', '项目登记', null, 'sc-ybj', 'sc-2021-jdgl', 2021, '医保基金监督管理', '项目支出', null, null, null, null, null, null],
  ['xlsx-2021-002', '下达', '2021-01-15', null, 'sc-2021-jdgl', null, null, null, '120.00', '本级', '年初', null, null, '川财社〔2021〕3号'],
  ['xlsx-2021-003', '支付', '2021-03-10', null, 'sc-2021-jdgl', null, null, null, '18.50', '本级', null, 'zf-2021-001', '30227', '飞行检查委托费'],
  ['xlsx-2021-004', '支付', '2021-05-20', null, 'sc-2021-jdgl', null, null, null, '26.00', '本级', null, 'zf-2021-002', '30227', '智能监控规则库建设'],
  ['xlsx-2021-005', '支付', '2021-06-28', null, 'sc-2021-jdgl', null, null, null, '9.75', '本级', null, 'zf-2021-003', '30201', '专项检查办公费用'],
];

async function main(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  // Fixed instants: regenerating the file without changes gives the same workbook properties.
  workbook.created = workbook.modified = new Date('2021-07-01T00:00:00Z');
  workbook.creator = '四川省医疗保障局财务科';
  const sheet = workbook.addWorksheet('支付明细');
  sheet.addRow(HEADERS);
  for (const row of ROWS) sheet.addRow(row.map((cell) => cell ?? undefined));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 16));
  const file = join(__dirname, '../examples/支付明细.xlsx');
  await workbook.xlsx.writeFile(file);
  process.stdout.write(`${file}\n`);
}

void main();
