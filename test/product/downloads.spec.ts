import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type StartedProduct, http, productToken, startProduct } from '../support/product';
import { CONTENT_TYPES, type DownloadFormat, documentText, downloadName } from './support/files';

/**
 * Every rendered download of `npm start` (tsx, as people start it): under tsx the adapter once checked
 * `instanceof StreamableFile` against another copy of @nestjs/common and answered the stream serialised
 * as JSON. Each format must come back as the file itself, named in Chinese, and open.
 */
const FORMATS = Object.keys(CONTENT_TYPES) as DownloadFormat[];

describe('downloads from the started product', () => {
  let product: StartedProduct;
  let token: string;
  beforeAll(async () => {
    product = await startProduct();
    token = await productToken(product);
    const ledger = readFileSync(join(ROOT, 'examples/leshan-program-2019.jsonl'));
    const imported = await http(product.url, 'POST', '/api/v1/imports', { token, body: ledger, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.status, imported.text()).toBe(201);
  }, 180_000);
  afterAll(() => product?.stop());

  it.each(FORMATS)('the department self-evaluation as %s', async (format) => {
    const reply = await http(product.url, 'GET', `/api/v1/departments/sc-ybj/evaluation?year=2020&format=${format}`, { token });
    expect(reply.status, reply.text().slice(0, 300)).toBe(200);
    expect(reply.contentType).toBe(CONTENT_TYPES[format]);
    expect(downloadName(reply)).toBe(`sc-ybj-2020年度部门整体支出绩效自评报告.${format}`);
    expect(await documentText(format, reply.body)).toContain('四川省医疗保障局');
  }, 60_000);

  it.each(FORMATS)('the transfer program table as %s', async (format) => {
    const reply = await http(product.url, 'GET', `/api/v1/departments/ls-ybj/programs/ylfw-nlts?year=2019&format=${format}`, { token });
    expect(reply.status, reply.text().slice(0, 300)).toBe(200);
    expect(reply.contentType).toBe(CONTENT_TYPES[format]);
    expect(downloadName(reply)).toBe(`ylfw-nlts-ls-ybj-2019年度转移支付区域绩效自评表.${format}`);
    expect(await documentText(format, reply.body)).toContain('乐山市医疗保障局');
  }, 60_000);

  it('the JSON views of both stay JSON', async () => {
    const evaluation = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/evaluation?year=2020', { token });
    expect(evaluation.status).toBe(200);
    expect(evaluation.json().totalScore).toEqual(expect.any(String));
    const program = await http(product.url, 'GET', '/api/v1/departments/ls-ybj/programs/ylfw-nlts?year=2019', { token });
    expect(program.status).toBe(200);
    expect(program.contentType).toContain('application/json');
  });
});
