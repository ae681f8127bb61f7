import type { Browser } from 'playwright-core';
import { type StartedProduct, productToken, startProduct } from '../../support/product';
import { launchBrowser } from './browser';

export interface StartedDashboard {
  product: StartedProduct;
  browser: Browser;
  /** an admin's token of the started product */
  admin: string;
}

/** The product as people start it (`npm start` as a child process), an admin's token and a headless chromium. */
export async function startDashboard(): Promise<StartedDashboard> {
  const product = await startProduct();
  try {
    return { product, admin: await productToken(product), browser: await launchBrowser() };
  } catch (error) {
    await product.stop();
    throw error;
  }
}

/** Closes the browser and stops the product (either may be missing when the start failed). */
export async function stopDashboard(product: StartedProduct | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await product?.stop();
}
