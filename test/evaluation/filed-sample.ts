import { type FiledDocument, labelCell, moneyCell, percentCell, scoreCell, textCell } from '@bem/evaluation';

/** A small document with what every form has: a title, text, a grid with merged header cells, a landscape form, evidence, a signature. */
export function sampleDocument(): FiledDocument {
  return {
    title: '样例区医疗保障局2020年度部门整体支出绩效自评报告',
    forms: [
      {
        sheetName: '自评报告',
        title: '样例区医疗保障局2020年度部门整体支出绩效自评报告',
        blocks: [
          { type: 'heading', level: 1, text: '一、部门基本情况' },
          { type: 'paragraph', text: '本局主要负责全区医疗保障工作。', evidence: ['ev-text-1'] },
        ],
      },
      {
        sheetName: '基础数据表',
        title: '部门整体支出绩效评价基础数据表',
        unit: '万元',
        signature: true,
        blocks: [
          {
            type: 'grid',
            headerRows: 2,
            columns: [{ width: 10 }, { width: 6 }, { width: 6 }, { width: 6 }],
            rows: [
              [labelCell('项目', { rowSpan: 2 }), labelCell('项目资金', { colSpan: 3 })],
              [labelCell('全年预算数'), labelCell('全年执行数'), labelCell('执行率')],
              [textCell('支出合计'), moneyCell('6079400.00', undefined, ['ev-budget-1', 'ev-budget-2']), moneyCell('5544800.00'), percentCell('91.21')],
              [textCell('其中：专项经费'), moneyCell(null), moneyCell(null), percentCell(null)],
            ],
          },
        ],
      },
      {
        sheetName: '自评表',
        title: '项目支出绩效自评表',
        orientation: 'landscape',
        signature: true,
        blocks: [
          {
            type: 'grid',
            headerRows: 1,
            columns: [{ width: 6 }, { width: 6 }, { width: 14 }, { width: 8 }, { width: 4 }, { width: 4 }],
            rows: [
              [labelCell('一级指标'), labelCell('二级指标'), labelCell('三级指标'), labelCell('年度指标值'), labelCell('分值'), labelCell('得分')],
              [textCell('产出指标', { rowSpan: 2 }), textCell('数量指标'), textCell('居民医疗保险待遇支付人次'), textCell('≥950人'), scoreCell('10.00'), scoreCell('9.50')],
              [textCell('质量指标'), textCell('基金监管覆盖率'), textCell('100%'), scoreCell('10.00'), scoreCell(null, '待评分')],
            ],
          },
        ],
      },
    ],
  };
}
