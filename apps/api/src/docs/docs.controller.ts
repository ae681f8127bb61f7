import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/bearer-auth.guard';
import { buildOpenApiDocument } from './openapi';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预算执行监控 API</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}code{background:#f4f4f4;padding:0 .3em}li{margin:.3em 0}</style>
</head><body>
<h1>预算执行监控 budget-execution-monitor API</h1>
<p>OpenAPI 3.1: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a>. 所有 <code>/api/v1</code> 路由需要 <code>Authorization: Bearer &lt;token&gt;</code>（<code>bem token create</code>）。</p>
<ul id="routes"></ul>
<script src="/api/docs/routes.js"></script>
</body></html>`;

/** The page's script, served as a file: the Content-Security-Policy allows no inline script. */
const ROUTES_SCRIPT = `fetch('/api/docs/openapi.json').then(r => r.json()).then(doc => {
  const list = document.getElementById('routes');
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const item = document.createElement('li');
    item.innerHTML = '<code></code> ';
    item.firstChild.textContent = method.toUpperCase() + ' ' + path;
    item.append(op.summary || '');
    list.append(item);
  }
});
`;

/** `/api/docs` (a minimal page) and `/api/docs/openapi.json`; no token needed. */
@Controller('api/docs')
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Public()
  @Get('openapi.json')
  openapi(): object {
    return this.document;
  }

  @Public()
  @Get('routes.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  routesScript(): string {
    return ROUTES_SCRIPT;
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }
}
