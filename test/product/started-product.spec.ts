import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProduct, http, productToken, startProduct } from '../support/product';

describe('npm start, as people start it', () => {
  let product: StartedProduct;
  let token: string;
  beforeAll(async () => {
    product = await startProduct();
    token = await productToken(product);
  }, 120_000);
  afterAll(() => product?.stop());

  it('seeds the demo on an empty store and answers its progress', async () => {
    const reply = await http(product.url, 'GET', '/api/v1/departments/sc-ybj/progress?year=2020', { token });
    expect(reply.status).toBe(200);
    expect(reply.json().department.code).toBe('sc-ybj');
  });
});
