import { describe, expect, it } from 'vitest';
import { latinWords, placeholders } from './chinese-only';

describe('latinWords', () => {
  it('finds field names, profile ids, English titles and placeholders', () => {
    expect(latinWords('政府采购 procurementAmount 公用经费 publicExpense')).toEqual(['procurementAmount', 'publicExpense']);
    expect(latinWords('评价方案：全国通用（national）')).toEqual(['national']);
    expect(latinWords('（由单位填写 / to be written by the office）')).toEqual(['to', 'be', 'written', 'by', 'the', 'office']);
    expect(latinWords('no actual recorded · allocation ×11 · seed 002')).toEqual(['no', 'actual', 'recorded', 'allocation', 'seed']);
    expect(latinWords('[1 条依据]')).toEqual([]);
    expect(placeholders('合计 [1 条依据]，allocation ×11，得分 待录入，10 × 100%')).toEqual(['[1 条依据]', 'allocation ×11', '待录入']);
  });

  it('leaves event ids, project ids, uuids, formula letters and the allow-list alone', () => {
    expect(latinWords('依据：c-0003、kf-2020-gfyl、3f2a9c1e-0b7d-4e21-9a6f-1c2d3e4f5a6b')).toEqual([]);
    expect(latinWords('全年预算数（A） 执行率（B/A） 98.5% 10.00')).toEqual([]);
    expect(latinWords('填报单位 No. 3', ['No'])).toEqual([]);
  });
});
