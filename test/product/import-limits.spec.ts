import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NDJSON = { 'content-type': 'application/x-ndjson' };

/** A real workbook with one more part: 40 MB of one repeated byte, which deflates to a few dozen KB (a zip bomb). */
async function zipBomb(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('支付明细').addRow(['类型', '项目编码', '金额']);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  zip.file('xl/media/padding.bin', Buffer.alloc(40 << 20, 0x41));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** What `POST /imports` may cost the started product, and what a refusal may echo. */
describe('import limits of the started product', () => {
  let product: StartedProduct;
  let token: string;
  beforeAll(async () => {
    product = await startProduct();
    token = await productToken(product);
  }, 120_000);
  afterAll(() => product?.stop());

  it('an XLSX zip bomb is refused from its central directory, before anything is inflated', async () => {
    const bomb = await zipBomb();
    expect(bomb.length).toBeLessThan(1 << 20);
    const started = Date.now();
    const reply = await http(product.url, 'POST', '/api/v1/imports', { token, body: bomb, headers: { 'content-type': XLSX } });
    expect(reply.status).toBe(400);
    expect(reply.body.length).toBeLessThan(10_000);
    expect(reply.json().errors[0].message).toMatch(/压缩比|zip ratio/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a refusal lists the first 1,000 problems with the total, and echoes at most 200 characters of a cell', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => JSON.stringify({ command: 'RecordPayment', id: `bad-${i}`, projectId: 'sc-2020-jf', paymentId: `p-${i}`, occurredOn: '2020-02-30', amount: 'abc' }));
    const long = `{"command":"RecordPayment","id":"${'长'.repeat(5000)}`;
    const reply = await http(product.url, 'POST', '/api/v1/imports', { token, body: `${[...bad, long].join('\n')}\n`, headers: NDJSON });
    expect(reply.status).toBe(400);
    const body = reply.json();
    expect(body.errors).toHaveLength(1000);
    expect(body.total).toBeGreaterThan(1500);
    expect(body.detail).toContain(String(body.total));
    const unknownColumn = `${'列'.repeat(3000)},类型,项目编码\n1,支付,sc-2020-jf\n`;
    const csv = await http(product.url, 'POST', '/api/v1/imports?dryRun=true', { token, body: unknownColumn, headers: { 'content-type': 'text/csv' } });
    for (const issue of [...(csv.json().errors ?? []), ...(csv.json().warnings ?? [])]) {
      expect([...issue.field].length).toBeLessThanOrEqual(201);
      expect([...issue.message].length).toBeLessThanOrEqual(401);
    }
    expect(csv.text()).not.toContain('列'.repeat(201));
  });

  it('parses a big file off the event loop: /health keeps answering meanwhile', async () => {
    const line = (i: number) => JSON.stringify({ command: 'RecordPayment', id: `big-${i}`, projectId: 'sc-2020-jf', paymentId: `big-${i}`, occurredOn: '2020-13-01', amount: '1.00', summary: '大文件校验'.repeat(8) });
    const file = `${Array.from({ length: 60_000 }, (_, i) => line(i)).join('\n')}\n`;
    expect(file.length).toBeGreaterThan(10 << 20);
    let slowest = 0;
    let done = false;
    const upload = http(product.url, 'POST', '/api/v1/imports?dryRun=true', { token, body: file, headers: NDJSON }).finally(() => (done = true));
    let polls = 0;
    while (!done) {
      const started = Date.now();
      const health = await fetch(`${product.url}/health`);
      expect(health.status).toBe(200);
      slowest = Math.max(slowest, Date.now() - started);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reply = await upload;
    expect(reply.status).toBe(400);
    expect(reply.json().total).toBe(60_000);
    expect(polls).toBeGreaterThan(3);
    expect(slowest).toBeLessThan(1_500);
  }, 120_000);
});
