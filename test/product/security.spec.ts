import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, bem, http, productToken, startProduct } from '../support/product';

/** The holes of issue 13, each tried against `npm start` as a user (or an attacker with a clerk token) would. */
describe('security of the started product', () => {
  let product: StartedProduct;
  let admin: string;
  let clerk: string;
  const IMPORT_LIMIT = 300_000;
  const command = (token: string, body: unknown) => http(product.url, 'POST', '/api/v1/commands', { token, body });

  beforeAll(async () => {
    product = await startProduct({ env: { BEM_IMPORT_MAX_BYTES: String(IMPORT_LIMIT) } });
    admin = await productToken(product);
    const setup = [
      { command: 'RegisterDepartment', id: 'sec-1', departmentCode: 'cd-ybj', name: '成都市医疗保障局', level: 'city', parentCode: 'sc-ybj' },
      { command: 'RegisterProject', id: 'sec-2', projectId: 'cd-2020-a', departmentCode: 'cd-ybj', fiscalYear: 2020, name: '<script>alert(1)</script>医保宣传', kind: 'project' },
      { command: 'IssueBudget', id: 'sec-3', projectId: 'cd-2020-a', occurredOn: '2020-01-10', amount: '1000000.00', source: 'own', basis: 'initial' },
    ];
    for (const line of setup) expect((await command(admin, line)).status).toBe(201);
    clerk = await productToken(product, 'clerk', 'cd-ybj');
  }, 180_000);
  afterAll(() => product?.stop());

  it('a clerk may not hang a department under a unit outside its scope', async () => {
    const evil = await productToken(product, 'clerk', 'evil-x');
    const reply = await command(evil, { command: 'RegisterDepartment', id: 'evil-1', departmentCode: 'evil-x', name: '某局', level: 'county', parentCode: 'sc-ybj' });
    expect(reply.status).toBe(403);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.json().departmentCode).toBe('sc-ybj');
    const region = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020&scope=region', { token: admin });
    expect(JSON.stringify(region.json())).not.toContain('evil-x');
  });

  it('a transfer naming another department\'s project answers as an unknown project would', async () => {
    const adjust = (counterpartProjectId: string, id: string) =>
      command(clerk, { command: 'AdjustBudget', id, projectId: 'cd-2020-a', occurredOn: '2020-08-01', delta: '100.00', kind: 'transfer-in', reason: '调剂', counterpartProjectId });
    const foreign = await adjust('sc-2020-platform', 'sec-adj-1');
    expect(foreign.status).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'UNKNOWN_PROJECT', field: 'counterpartProjectId' });
    expect(JSON.stringify(foreign.json())).not.toContain('四川');
  });

  it('an allocation to a project outside the scope is refused and writes nothing', async () => {
    const reply = await command(clerk, { command: 'AllocateBudget', id: 'sec-alloc', fromProjectId: 'cd-2020-a', toProjectId: 'sc-2020-platform', occurredOn: '2020-03-01', amount: '100.00' });
    expect(reply.status).toBe(404);
    const events = await http(product.url, 'GET', '/api/v1/projects/sc-2020-platform/events', { token: admin });
    expect(JSON.stringify(events.json())).not.toContain('sec-alloc');
  });

  it('for a clerk, an unknown project and another department\'s project answer the same', async () => {
    const unknown = await http(product.url, 'GET', '/api/v1/projects/no-such-project/progress', { token: clerk });
    const foreign = await http(product.url, 'GET', '/api/v1/projects/sc-2020-platform/progress', { token: clerk });
    expect(foreign.status).toBe(unknown.status);
    expect(Object.keys(foreign.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(foreign.json().type).toBe(unknown.json().type);
    expect(foreign.json().title).toBe(unknown.json().title);
  });

  it('a command id already used by another department reveals nothing of it', async () => {
    const reply = await command(clerk, { command: 'RecordPayment', id: 'sc2020-0010', projectId: 'cd-2020-a', paymentId: 'p-reuse', occurredOn: '2020-03-01', amount: '1.00' });
    expect(reply.status).toBe(409);
    const text = reply.text();
    for (const secret of ['sc-ybj', 'sc-2020', '四川']) expect(text).not.toContain(secret);
  });

  it('a clerk\'s recordedAt is kept as metadata only: the store\'s clock says when it was recorded', async () => {
    const before = await http(product.url, 'GET', '/api/v1/departments/cd-ybj/progress?year=2020&knownAt=2000-01-01T00:00:00Z', { token: clerk });
    const reply = await command(clerk, { command: 'RecordPayment', id: 'sec-1970', projectId: 'cd-2020-a', paymentId: 'p-1970', occurredOn: '2020-03-01', amount: '5000.00', recordedAt: '1970-01-02T00:00:00Z' });
    expect(reply.status).toBe(201);
    const after = await http(product.url, 'GET', '/api/v1/departments/cd-ybj/progress?year=2020&knownAt=2000-01-01T00:00:00Z', { token: clerk });
    expect(before.status, before.text()).toBe(200);
    expect(after.json().paid).toBe('0.00');
    expect(before.json().paid).toBe('0.00');
    const events = (await http(product.url, 'GET', '/api/v1/projects/cd-2020-a/events', { token: clerk })).json();
    const payment = (Array.isArray(events) ? events : events.events).find((e: { metadata: { commandId: string } }) => e.metadata.commandId === 'sec-1970');
    expect(payment.metadata.originalRecordedAt).toBe('1970-01-02T00:00:00.000Z');
    expect(payment.recordedAt.startsWith('1970')).toBe(false);
  });

  it('only an admin imports with ?migrate=true, and then the line\'s recordedAt is its known-at instant', async () => {
    const line = (id: string) => `${JSON.stringify({ command: 'RecordPayment', id, projectId: 'cd-2020-a', paymentId: `p-${id}`, occurredOn: '2020-04-01', amount: '7.00', recordedAt: '2020-04-01T00:00:00Z' })}\n`;
    const headers = { 'content-type': 'application/x-ndjson' };
    const refused = await http(product.url, 'POST', '/api/v1/imports?migrate=true', { token: clerk, body: line('mig-clerk'), headers });
    expect(refused.status).toBe(403);
    const migrated = await http(product.url, 'POST', '/api/v1/imports?migrate=true', { token: admin, body: line('mig-admin'), headers });
    expect(migrated.status, migrated.text()).toBe(201);
    const events = (await http(product.url, 'GET', '/api/v1/projects/cd-2020-a/events', { token: admin })).json();
    const list = (Array.isArray(events) ? events : events.events) as { recordedAt: string; metadata: { commandId: string } }[];
    expect(list.find((e) => e.metadata.commandId === 'mig-admin')!.recordedAt).toBe('2020-04-01T00:00:00.000Z');
    expect(list.some((e) => e.metadata.commandId === 'mig-clerk')).toBe(false);
  });

  it('bodies over the limits answer 413 problem+json; a bad Content-Encoding answers 400', async () => {
    const big = await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body: `{"command":"RecordPayment","reason":"${'x'.repeat(1_100_000)}"}`, headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.contentType).toContain('application/problem+json');
    const file = `${'{"command":"RecordPayment"}\n'.repeat(Math.ceil(IMPORT_LIMIT / 27) + 10)}`;
    const bigImport = await http(product.url, 'POST', '/api/v1/imports', { token: clerk, body: file, headers: { 'content-type': 'application/x-ndjson' } });
    expect(bigImport.status).toBe(413);
    expect(bigImport.json().limit).toBe(IMPORT_LIMIT);
    for (const encoding of ['x-frobnicate', 'gzip']) {
      const reply = await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body: 'not compressed at all', headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
      expect(reply.status, encoding).toBe(400);
      expect(reply.contentType).toContain('application/problem+json');
    }
    const gzipped = gzipSync(JSON.stringify({ command: 'RecordPayment', id: 'sec-gz', projectId: 'cd-2020-a', paymentId: 'p-gz', occurredOn: '2020-03-02', amount: '1.00' }));
    const ok = await http(product.url, 'POST', '/api/v1/commands', { token: clerk, body: gzipped, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(ok.status, ok.text()).toBe(201);
  });

  it('expired and revoked tokens answer 401 problem+json; bem token list never shows a token', async () => {
    const doomed = await productToken(product, 'manager', 'cd-ybj');
    const soon = JSON.parse((await bem(['token', 'create', '--role', 'auditor', '--departments', '*', '--expires-in-days', '1', '--json', '--store', product.store])).stdout).token as string;
    const read = (token: string) => http(product.url, 'GET', '/api/v1/departments/cd-ybj/progress?year=2020', { token });
    expect((await read(doomed)).status).toBe(200);
    expect((await read(soon)).status).toBe(200);
    const listed = await bem(['token', 'list', '--json', '--store', product.store]);
    expect(listed.code).toBe(0);
    for (const token of [admin, clerk, doomed, soon]) expect(listed.stdout).not.toContain(token);
    const infos = JSON.parse(listed.stdout) as { id: string; role: string; expiresAt: string | null; revokedAt: string | null }[];
    expect(Object.keys(infos[0]).sort()).toEqual(['createdAt', 'departments', 'expiresAt', 'id', 'label', 'revokedAt', 'role']);
    const manager = infos.find((info) => info.role === 'manager')!;
    expect((await bem(['token', 'revoke', manager.id, '--store', product.store])).code).toBe(0);
    expect((await bem(['token', 'revoke', 'tok_nosuchtoken000', '--store', product.store])).code).toBe(1);
    const revoked = await read(doomed);
    expect(revoked.status).toBe(401);
    expect(revoked.contentType).toContain('application/problem+json');
    // A day passes: the store is the product's own file, the token's expiry is moved to the past.
    const db = new Database(product.store);
    db.prepare("UPDATE auth_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE expires_at IS NOT NULL").run();
    db.close();
    expect((await read(soon)).status).toBe(401);
  });

  it('the demo token is never printed to a stream that is not a terminal: it is in a 0600 file', async () => {
    expect(product.stdout()).not.toMatch(/bem_[A-Za-z0-9_-]{20,}/);
    const file = join(product.dataDir, 'demo-admin-token.txt');
    expect(product.stdout()).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').split('\n')[0];
    expect((await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020', { token })).status).toBe(200);
  });

  it('headers: a CSP with frame-ancestors none, nosniff, no X-Powered-By, no source maps', async () => {
    const page = await http(product.url, 'GET', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
    const script = /src="\/app\/([^"]+\.js)"/.exec(page.text())![1];
    const asset = await http(product.url, 'GET', `/app/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.text()).not.toContain('sourceMappingURL');
    expect((await http(product.url, 'GET', `/app/${script}.map`)).status).toBe(404);
    expect((await http(product.url, 'GET', '/health')).headers.get('x-powered-by')).toBeNull();
  });

  it('the Markdown export escapes HTML from the ledger', async () => {
    const md = await http(product.url, 'GET', '/api/v1/departments/cd-ybj/evaluation?year=2020&format=md', { token: admin });
    expect(md.status, md.text().slice(0, 300)).toBe(200);
    expect(md.text()).not.toContain('<script>');
    expect(md.text()).toContain('&lt;script&gt;');
  });
});
