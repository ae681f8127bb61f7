import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinWords } from '../support/chinese-only';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';
import { CONTENT_TYPES, documentText, downloadName } from './support/files';

/**
 * Seed 002's 转移支付 tables (附件2–4) through the started product: `npm start` seeds the demo ledger (the sichuan-2020
 * fixture), whose three programs sc-ybj passes down whole to 各市（州）医疗保障局. The tables print no 得分 and no grade under
 * any profile; the department's own report leaves the passed-down projects out (issue 15.4).
 */
const PROGRAMS = '/api/v1/departments/sc-ybj/programs';
const visible = (xml: string) => xml.replace(/<[^>]+>/g, '');

describe('the 转移支付 tables of the started product (seed 002 附件2–4)', () => {
  let product: StartedProduct;
  let token: string;
  beforeAll(async () => {
    product = await startProduct();
    token = await productToken(product);
  }, 180_000);
  afterAll(() => product?.stop());

  it('XLSX: the 医疗救助 自评表 sheet holds the seed figures as numbers, by fund source, and no score', async () => {
    const reply = await http(product.url, 'GET', `${PROGRAMS}/yljz-bz?year=2020&format=xlsx`, { token });
    expect(reply.status, reply.text().slice(0, 300)).toBe(200);
    expect(reply.contentType).toBe(CONTENT_TYPES.xlsx);
    expect(downloadName(reply)).toBe('yljz-bz-sc-ybj-2020年度转移支付区域绩效自评表.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('自评表')!;
    const rowOf = (label: string) => sheet.getSheetValues().findIndex((r) => Array.isArray(r) && r[2] === label);
    const figures = (label: string) => [4, 6, 7].map((col) => sheet.getCell(rowOf(label), col).value);
    expect(figures('年度资金总额')).toEqual([421671.73, 318037.1, 75.42]);
    expect(figures('其中：中央补助')).toEqual([219079, 219079, 100]);
    expect(figures('地方资金')).toEqual([94089.93, 95384.27, 101.38]);
    expect(figures('其他资金')).toEqual([108502.8, 3573.83, 3.29]);
    const texts = sheet.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.filter((v) => typeof v === 'string') : [])) as string[];
    expect(texts).toContain('各市（州）、县（区）医疗保障局');
    expect(texts).toContain('基金累计结余占筹集基金总额的比重');
    expect(texts.filter((t) => /得分|自评等级|评价等级/.test(t))).toEqual([]);
  }, 60_000);

  it('DOCX: the 城乡居民医保补助 table in its printed shape, without 得分 or grade', async () => {
    const reply = await http(product.url, 'GET', `${PROGRAMS}/cxjm-bz?year=2020&format=docx`, { token });
    expect(reply.status, reply.text().slice(0, 300)).toBe(200);
    expect(reply.contentType).toBe(CONTENT_TYPES.docx);
    const text = visible(await documentText('docx', reply.body));
    const order = ['转移支付（项目）名称', '城乡居民医保补助', '中央主管部门', '国家医保局', '实施单位', '各市（州）医疗保障局', '地方主管部门', '全年预算数（A）', '项目资金（万元）', '年度资金总额', '3545234.00', '100.00%', '年初设定目标', '绩效指标', '参保人数（人）', '≥66611400人', '6715.75万人', '重复参保人数(人)', '825170人', '详见评价报告'];
    const positions = order.map((label) => text.indexOf(label));
    for (const [i, p] of positions.entries()) expect(p, order[i]).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toMatch(/得分|自评等级|评价等级|[优良中差]（?\d/);
  }, 60_000);

  it('Chinese only: no Latin word beyond the allow-list in any of the three tables (DOCX text)', async () => {
    for (const program of ['cxjm-bz', 'yljz-bz', 'ylbz-nljs']) {
      const reply = await http(product.url, 'GET', `${PROGRAMS}/${program}?year=2020&format=docx`, { token });
      expect(reply.status).toBe(200);
      expect(latinWords(visible(await documentText('docx', reply.body))), program).toEqual([]);
    }
  }, 60_000);

  it('scored only when its profile scores it: no total and no grade under national or sichuan-2020; an unknown profile is refused', async () => {
    for (const profile of ['national', 'sichuan-2020']) {
      const reply = await http(product.url, 'GET', `${PROGRAMS}/ylbz-nljs?year=2020&profile=${profile}`, { token });
      expect(reply.status, reply.text().slice(0, 300)).toBe(200);
      expect(reply.json()).toMatchObject({ profile, totalScore: null, grade: null, name: '医疗服务与保障能力提升补助（医疗保障能力建设部分）' });
      const md = await http(product.url, 'GET', `${PROGRAMS}/ylbz-nljs?year=2020&profile=${profile}&format=md`, { token });
      expect(md.text()).toContain('3171.87');
      expect(md.text()).not.toMatch(/得分|自评等级|评价等级/);
    }
    const assigned = await http(product.url, 'GET', `${PROGRAMS}/ylbz-nljs?year=2020`, { token });
    expect(assigned.json().profile).toBe('sichuan-2020'); // the year's AssignProfile
    const unknown = await http(product.url, 'GET', `${PROGRAMS}/ylbz-nljs?year=2020&profile=nope`, { token });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
  }, 60_000);

  it('the 部门整体 report of sichuan-2020 leaves the projects passed down whole out: none of their figures, indicators or names', async () => {
    const reply = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020&profile=sichuan-2020', { token });
    expect(reply.status).toBe(200);
    const report = reply.json();
    expect(report.indicators).toHaveLength(45); // the department's own projects' indicators only
    expect(report.indicators.filter((i: { projectId: string }) => /cxjm|yljz|ylbz/.test(i.projectId))).toEqual([]);
    const md = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020&profile=sichuan-2020&format=md', { token });
    for (const name of ['城乡居民医保补助', '医疗救助补助资金', '医疗服务与保障能力提升补助（医疗保障能力建设部分）']) expect(md.text()).not.toContain(name);
  }, 60_000);
});
