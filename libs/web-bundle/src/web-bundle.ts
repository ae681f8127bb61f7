import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The dashboard: TypeScript under apps/web/src bundled by esbuild into apps/web/dist (served by the api at `/`). */
const REPO_ROOT = resolve(__dirname, '../../..');
export const WEB_ROOT = join(REPO_ROOT, 'apps/web');
export const WEB_DIST = join(WEB_ROOT, 'dist');
const STAMP = join(WEB_DIST, '.build-stamp');
/** What the bundle is made of: a change to any of these makes dist stale. */
const SOURCES = [join(WEB_ROOT, 'src'), join(WEB_ROOT, 'public'), __filename, join(REPO_ROOT, 'libs/domain/src')];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** dist is missing, or older than a source file. */
export function webBuildIsStale(): boolean {
  if (!existsSync(STAMP) || !existsSync(join(WEB_DIST, 'index.html'))) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

/** Writes a file atomically (temp + rename), so parallel builds (test workers) never serve half a file. */
function writeAtomic(file: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

export interface WebBuildResult {
  files: string[];
  ms: number;
}

/** Bundles apps/web/src/main.ts (with zod schemas of libs/domain and echarts) and writes index.html + assets. */
export async function buildWeb(options: { minify?: boolean } = {}): Promise<WebBuildResult> {
  const started = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { app: join(WEB_ROOT, 'src/main.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
    minify: options.minify ?? true,
    // No source maps: the product serves none (they would publish the sources to every visitor).
    sourcemap: false,
    entryNames: '[name]-[hash]',
    outdir: WEB_DIST,
    write: false,
    metafile: false,
    legalComments: 'none',
    tsconfig: join(WEB_ROOT, 'tsconfig.json'),
    alias: { '@bem/domain': join(REPO_ROOT, 'libs/domain/src/index.ts') },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const files: string[] = [];
  let script = '';
  for (const output of result.outputFiles) {
    writeAtomic(output.path, output.contents);
    files.push(relative(WEB_DIST, output.path));
    if (output.path.endsWith('.js')) script = relative(WEB_DIST, output.path);
  }
  const css = readFileSync(join(WEB_ROOT, 'public/styles.css'));
  const cssName = `styles-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
  writeAtomic(join(WEB_DIST, cssName), css);
  files.push(cssName);
  const html = readFileSync(join(WEB_ROOT, 'public/index.html'), 'utf8')
    .replace('%STYLES%', `/app/${cssName}`)
    .replace('%SCRIPT%', `/app/${script}`);
  writeAtomic(join(WEB_DIST, 'index.html'), html);
  files.push('index.html');
  writeAtomic(STAMP, new Date().toISOString());
  return { files, ms: Date.now() - started };
}

/** Builds when stale; returns null when dist was already fresh. */
export async function ensureWebBuilt(): Promise<WebBuildResult | null> {
  if (!webBuildIsStale()) return null;
  return buildWeb();
}
