import { COMMAND_NAMES, COMMAND_SCHEMAS } from '@bem/domain';

/**
 * Column headers of CSV / XLSX ledgers: the contract field names, or the Chinese headers offices use.
 * A header's trailing unit in brackets is ignored: "金额（元）" reads as 金额.
 */
const CHINESE_HEADERS: Record<string, string> = {
  编号: 'id',
  命令编号: 'id',
  类型: 'command',
  业务类型: 'command',
  日期: 'occurredOn',
  业务日期: 'occurredOn',
  发生日期: 'occurredOn',
  部门编码: 'departmentCode',
  上级部门编码: 'parentCode',
  项目编码: 'projectId',
  预算年度: 'fiscalYear',
  年度: 'fiscalYear',
  名称: 'name',
  项目名称: 'name',
  部门名称: 'name',
  金额: 'amount',
  资金来源: 'source',
  摘要: 'summary',
  事由: 'summary',
  原因: 'reason',
  调整原因: 'reason',
  支付编号: 'paymentId',
  下达依据: 'basis',
  调整类型: 'kind',
  支出类型: 'kind',
  文号: 'document',
  经济分类: 'economicCode',
  经济分类科目: 'economicCode',
  功能分类科目: 'functionalCode',
  对方项目: 'counterpartProjectId',
  调剂对方项目: 'counterpartProjectId',
  政府采购: 'procurement',
  三公经费: 'threePublic',
  资产购置: 'assetPurchase',
  公用经费: 'publicExpense',
  政府采购预算: 'procurementAmount',
  三公经费预算: 'threePublicAmount',
  层级: 'level',
};

const ENGLISH_FIELDS = new Set<string>(
  Object.values(COMMAND_SCHEMAS).flatMap((schema) => Object.keys(schema.shape)),
);
ENGLISH_FIELDS.add('type');

/** The contract field a header names, or null for a column we do not know. */
export function fieldForHeader(header: string): string | null {
  const bare = header.replace(/^\uFEFF/, '').trim().replace(/[（(][^）)]*[）)]$/, '').trim();
  if (CHINESE_HEADERS[bare]) return CHINESE_HEADERS[bare];
  if (bare === 'type') return 'command';
  return ENGLISH_FIELDS.has(bare) ? bare : null;
}

/** 类型 column: Chinese names of the commands, and the English command names. */
const COMMAND_WORDS: Record<string, string> = {
  部门登记: 'RegisterDepartment',
  登记部门: 'RegisterDepartment',
  项目登记: 'RegisterProject',
  登记项目: 'RegisterProject',
  下达: 'IssueBudget',
  预算下达: 'IssueBudget',
  调整: 'AdjustBudget',
  预算调整: 'AdjustBudget',
  到位: 'RecordFundsArrival',
  资金到位: 'RecordFundsArrival',
  支付: 'RecordPayment',
  支出: 'RecordPayment',
  冲销: 'ReversePayment',
  关账: 'CloseProject',
  年度关账: 'CloseProject',
};
for (const name of COMMAND_NAMES) COMMAND_WORDS[name] = name;

const SOURCE_WORDS: Record<string, string> = {
  本级: 'own',
  中央: 'central',
  省: 'provincial',
  省级: 'provincial',
  市: 'municipal',
  市级: 'municipal',
  县: 'county',
  县级: 'county',
  区级: 'county',
  其他: 'other',
};

const BASIS_WORDS: Record<string, string> = {
  年初: 'initial',
  年初预算: 'initial',
  追加: 'supplementary',
  结转: 'carryover',
  上年结转: 'carryover',
};

const ADJUSTMENT_WORDS: Record<string, string> = {
  调增: 'increase',
  追加: 'increase',
  调减: 'decrease',
  追减: 'decrease',
  调入: 'transfer-in',
  调剂调入: 'transfer-in',
  调出: 'transfer-out',
  调剂调出: 'transfer-out',
  注销: 'cancel',
  年末注销: 'cancel',
};

const PROJECT_KIND_WORDS: Record<string, string> = { 基本支出: 'basic', 项目支出: 'project' };

const THREE_PUBLIC_WORDS: Record<string, string> = {
  因公出国: 'overseas',
  '因公出国(境)': 'overseas',
  '因公出国（境）': 'overseas',
  公务用车: 'vehicle',
  公车: 'vehicle',
  公务接待: 'reception',
  接待: 'reception',
};

const TRUE_WORDS = new Set(['是', 'true', 'TRUE', 'True', 'y', 'Y', 'yes', '1']);
const FALSE_WORDS = new Set(['否', 'false', 'FALSE', 'False', 'n', 'N', 'no', '0']);
const BOOLEAN_FIELDS = new Set(['procurement', 'assetPurchase', 'publicExpense']);

export const commandFromWord = (word: string): string => COMMAND_WORDS[word] ?? word;

/** Translates a cell's Chinese value to the contract value; unknown values pass through for the schema to refuse. */
export function contractValue(field: string, value: string, command: string): unknown {
  switch (field) {
    case 'source':
      return SOURCE_WORDS[value] ?? value;
    case 'basis':
      return BASIS_WORDS[value] ?? value;
    case 'kind':
      return command === 'RegisterProject' ? (PROJECT_KIND_WORDS[value] ?? value) : (ADJUSTMENT_WORDS[value] ?? value);
    case 'threePublic':
      return THREE_PUBLIC_WORDS[value] ?? value;
    case 'fiscalYear':
      return /^\d{4}$/.test(value) ? Number(value) : value;
    default:
      if (BOOLEAN_FIELDS.has(field)) return TRUE_WORDS.has(value) ? true : FALSE_WORDS.has(value) ? false : value;
      return value;
  }
}
