import { buildWeb } from '@bem/web-bundle';

/** `npm run build:web`: bundles the dashboard into apps/web/dist. */
buildWeb().then(
  (result) => process.stdout.write(`apps/web/dist: ${result.files.join(', ')} (${result.ms} ms)\n`),
  (error: unknown) => {
    process.stderr.write(`界面构建失败 / web build failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
