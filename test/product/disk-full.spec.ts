import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct, tempDir } from '../support/product';

/**
 * A full disk under the started product: the store lives on a 4 MB tmpfs (this test mounts one; it runs as root,
 * as CI does). A write that does not fit answers 503 problem+json, writes nothing, and /health says degraded.
 */
describe('a full disk', () => {
  const mountPoint = join(tempDir('bem-full-'), 'disk');
  let product: StartedProduct;
  let token: string;
  beforeAll(async () => {
    mkdirSync(mountPoint, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    product = await startProduct({ store: join(mountPoint, 'bem.sqlite') });
    token = await productToken(product);
  }, 120_000);
  afterAll(async () => {
    await product?.stop();
    execFileSync('umount', ['-l', mountPoint]);
  });

  it('answers 503 problem+json, writes nothing, and /health says degraded', async () => {
    expect((await http(product.url, 'GET', '/health')).json().status).toBe('ok');
    const before = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2021', { token })).json();
    const lines = Array.from({ length: 12_000 }, (_, i) =>
      JSON.stringify({ command: 'RegisterProject', id: `full-${i}`, projectId: `sc-2021-full-${i}`, departmentCode: 'sc-ybj', fiscalYear: 2021, name: `${'填满磁盘的项目'.repeat(20)}${i}`, kind: 'project' }),
    );
    const reply = await http(product.url, 'POST', '/api/v1/imports', { token, body: `${lines.join('\n')}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    expect(reply.status, reply.text().slice(0, 300)).toBe(503);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.json().type).toContain('store-full');
    const health = await http(product.url, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', store: 'full' });
    const after = (await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2021', { token })).json();
    expect(after).toEqual(before);
  }, 120_000);
});
