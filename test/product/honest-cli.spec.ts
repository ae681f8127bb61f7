import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, bem, startProduct } from '../support/product';

/**
 * `bem` read commands naming a department or project the store does not have exit 1 naming it (architecture
 * §10), over the store `npm start` seeded with the demo (sc-ybj 2020): never "alerts (0)".
 */
describe('bem names what does not exist', () => {
  let product: StartedProduct;
  beforeAll(async () => {
    product = await startProduct();
  }, 120_000);
  afterAll(() => product?.stop());

  const run = (...args: string[]) => bem([...args, '--store', product.store]);

  it.each([
    ['alerts', '--department', 'sc-ybi', '--year', '2020'],
    ['progress', '--department', 'sc-ybi', '--year', '2020'],
    ['checkpoints', '--department', 'sc-ybi', '--year', '2020', '--profile', 'national'],
    ['evaluate', '--department', 'sc-ybi', '--year', '2020', '--profile', 'national'],
    ['yearend', '--department', 'sc-ybi', '--year', '2020'],
    ['backtest', '--profile', 'national', '--department', 'sc-ybi', '--year', '2020'],
    ['program', '--program', 'ylfw-nlts', '--department', 'sc-ybi', '--year', '2020'],
    ['alerts', '--department', 'sc-ybi', '--year', '2020', '--scope', 'region'],
  ])('%s … sc-ybi exits 1 naming it', async (...args) => {
    const result = await run(...args);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toContain('sc-ybi');
    expect(result.stdout).toBe('');
  });

  it('an unknown project exits 1 naming it; the known ones still answer', async () => {
    const unknown = await run('progress', '--department', 'sc-ybj', '--year', '2020', '--project', 'sc-2020-nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('sc-2020-nope');
    const known = await run('progress', '--department', 'sc-ybj', '--year', '2020', '--project', 'sc-2020-capacity', '--json');
    expect(known.code, known.stderr).toBe(0);
    expect(JSON.parse(known.stdout).projectId).toBe('sc-2020-capacity');
    const alerts = await run('alerts', '--department', 'sc-ybj', '--year', '2020');
    expect(alerts.code).toBe(0);
  });
});
