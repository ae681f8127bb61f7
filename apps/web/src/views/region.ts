import { type DepartmentProgress, type Figures, type RegionProgress, type RegionUnit, get, qs } from '../api';
import { type Route, app, canRead, href, viewParams } from '../app-state';
import { renderRegionChart } from '../chart';
import { h, mount } from '../dom';
import { pct, wan, yuan, localTime } from '../format';
import { errorBox, progressBar, timeBar } from '../widgets';

export const LEVEL_LABEL: Record<string, string> = { province: '省级', city: '市级', county: '县级', district: '区级', town: '乡镇' };
const levelLabel = (level: string | null) => (level ? (LEVEL_LABEL[level] ?? level) : '');

/** `GET /departments/{code}/progress?scope=region` with the year and the as-of / known-at of the route. */
export const loadRegion = (code: string, year: number, route: Route) =>
  get<RegionProgress>(`/departments/${encodeURIComponent(code)}/progress${qs({ year, ...viewParams(route), scope: 'region' })}`);

const AMOUNTS = [
  ['budgetInitial', '年初预算'],
  ['budgetCurrent', '调整预算'],
  ['arrived', '到位'],
  ['paid', '支出'],
] as const;

/** Amount cells (元, to the cent) and the execution rate of one set of figures; `prefix` names them for tests. */
const figureCells = (f: Figures, prefix: string, className = '') => [
  ...AMOUNTS.map(([key]) => h('td', { class: `num ${className}`.trim(), 'data-col': `${prefix}-${key}` }, yuan(f[key]))),
  h('td', { class: `num rate ${className}`.trim(), 'data-col': `${prefix}-rate` }, pct(f.executionRate)),
];

/** The four amounts in 万元 with the exact 元 below, as KPI cards. */
function regionKpis(doc: RegionProgress): HTMLElement {
  const card = (key: (typeof AMOUNTS)[number][0], label: string, extra?: string) =>
    h('div', { class: 'kpi', 'data-kpi': key },
      h('div', { class: 'kpi-label' }, label),
      h('div', { class: 'kpi-value' }, `${wan(doc[key])} 万元`),
      h('div', { class: 'kpi-sub' }, h('span', { class: 'yuan', 'data-testid': `region-${key}` }, `${yuan(doc[key])} 元`), extra ? ` · ${extra}` : null),
    );
  return h('div', { class: 'kpis' },
    card('budgetInitial', '区域年初预算'),
    card('budgetCurrent', '区域调整预算'),
    card('arrived', '区域资金到位', `到位率 ${pct(doc.arrivalRate)}`),
    card('paid', '区域支出', `结余 ${wan(doc.balance)} 万元`),
    h('div', { class: 'kpi kpi-wide' },
      h('div', { class: 'kpi-label' }, '区域执行率（支出 ÷ 调整预算）'),
      h('div', { class: 'kpi-value', 'data-testid': 'region-rate' }, pct(doc.executionRate)),
      progressBar(doc.executionRate, null, null, `区域执行率 ${pct(doc.executionRate)}`),
      h('div', { class: 'kpi-sub' }, `${doc.units.length} 个单位（含本级）· ${doc.projects.length} 个项目`),
    ),
  );
}

/**
 * `#/regions/<code>?year=<yyyy>`: a department and every unit whose parentCode chain leads to it. Region totals
 * (the sum of the units' own figures: money allocated down is counted once), then one row per unit, indented by
 * depth, with its own figures and its subtree's. A unit with units below opens its own region view, a leaf its
 * department view; the crumbs lead back up to the parent's region.
 */
export async function regionView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const code = route.path[1];
  const year = Number(route.params.get('year') ?? app.me?.defaultYear ?? new Date().getFullYear());
  const params = Object.fromEntries(route.params);
  const carry = { year, asOf: params.asOf, knownAt: params.knownAt };
  let doc: RegionProgress;
  let parent: { code: string; name: string } | null = null;
  try {
    doc = await loadRegion(code, year, route);
    const parentCode = doc.units[0]?.parentCode ?? null;
    if (parentCode && canRead(parentCode)) {
      // Only the parent's name is needed; a parent we may not read is not linked at all.
      const named = await get<DepartmentProgress>(`/departments/${encodeURIComponent(parentCode)}/progress${qs({ year })}`).catch(() => null);
      parent = { code: parentCode, name: named?.department.name || parentCode };
    }
  } catch (error) {
    mount(root, h('p', { class: 'crumbs' }, h('a', { href: href([], { year }) }, '部门总览'), ' / ', h('a', { href: href(['departments', code], carry) }, code)), errorBox(error));
    return;
  }
  if (generation !== app.generation) return;

  const units = doc.units;
  const hasUnits = new Set(units.map((u) => u.parentCode).filter((c): c is string => !!c));
  const name = doc.department.name || code;
  const yearInput = h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year, 'aria-label': '预算年度', onchange: (e: Event) => (location.hash = href(route.path, { ...params, year: (e.target as HTMLInputElement).value })) });

  /** A unit's name: its region view when it has units, else its department view (plain text when out of scope). */
  const unitLink = (unit: RegionUnit) => {
    if (unit.depth === 0) return h('a', { href: href(['departments', unit.code], carry), title: '本级部门视图', 'data-drill': 'department' }, unit.name);
    if (!canRead(unit.code)) return h('span', { title: '不在您的权限范围内' }, unit.name);
    return hasUnits.has(unit.code)
      ? h('a', { href: href(['regions', unit.code], carry), title: '下级区域汇总', 'data-drill': 'region' }, unit.name)
      : h('a', { href: href(['departments', unit.code], carry), title: '部门执行情况', 'data-drill': 'department' }, unit.name);
  };

  const rows = units.map((unit) =>
    h('tr', { 'data-unit': unit.code, 'data-depth': unit.depth, class: `depth-${Math.min(unit.depth, 4)}${unit.depth === 0 ? ' region-root' : ''}` },
      h('th', { scope: 'row', class: 'unit-name', style: `padding-left:${0.5 + unit.depth * 1.4}rem` },
        unit.depth > 0 ? h('span', { class: 'tree', 'aria-hidden': 'true' }, '└ ') : null,
        unitLink(unit),
        unit.depth > 0 && hasUnits.has(unit.code) && canRead(unit.code)
          ? [' ', h('a', { class: 'tag', href: href(['departments', unit.code], carry), title: '本级部门视图' }, '本级')]
          : null,
        unit.depth === 0 ? h('span', { class: 'tag' }, '本级') : null,
      ),
      h('td', { class: 'level' }, levelLabel(unit.level)),
      ...figureCells(unit, 'own'),
      ...figureCells(unit.region, 'sub', 'subtree'),
    ),
  );
  const table = h('table', { class: 'region-table', 'data-testid': 'region-table' },
    h('caption', null, `区域单位执行情况（元）· ${units.length} 个单位 · “本级”为单位自身，“含下级”为单位及其全部下级之和`),
    h('thead', null,
      h('tr', null,
        h('th', { scope: 'col', rowspan: 2 }, '单位'),
        h('th', { scope: 'col', rowspan: 2 }, '层级'),
        h('th', { scope: 'colgroup', colspan: 5, class: 'group' }, '本级'),
        h('th', { scope: 'colgroup', colspan: 5, class: 'group subtree' }, '含下级合计'),
      ),
      h('tr', null, [0, 1].map((i) => [...AMOUNTS.map(([, label]) => h('th', { scope: 'col', class: `num${i ? ' subtree' : ''}` }, label)), h('th', { scope: 'col', class: `num${i ? ' subtree' : ''}` }, '执行率')])),
    ),
    h('tbody', null, rows),
    h('tfoot', null,
      h('tr', { 'data-unit': '__total' },
        h('th', { scope: 'row', colspan: 2 }, '区域合计'),
        ...figureCells(doc, 'own'),
        h('td', { colspan: 5, class: 'muted subtree' }, '= 本级各行之和'),
      ),
    ),
  );

  // The chart: the root's own share and each direct unit's subtree.
  const direct = units.filter((u) => u.depth === 1);
  const chartRows = [{ name: `${name}（本级）`, rate: units[0]?.executionRate ?? null }, ...direct.map((u) => ({ name: u.name, rate: u.region.executionRate }))];
  const chart = h('div', { class: 'chart region-chart', 'data-testid': 'region-chart', style: `height:${Math.max(200, 70 + chartRows.length * 36)}px` });

  mount(root,
    h('p', { class: 'crumbs' },
      h('a', { href: href([], { year }) }, '部门总览'), ' / ',
      parent ? [h('a', { href: href(['regions', parent.code], carry), 'data-testid': 'region-up' }, `↑ 上级区域：${parent.name}`), ' / '] : null,
      `${name} 区域汇总`,
    ),
    h('div', { class: 'page-head' },
      h('h1', null, `${name} · 区域汇总 · ${year} 年`),
      h('p', { class: 'muted' },
        `截至 ${doc.asOf}${doc.knownAt ? `，按 ${localTime(doc.knownAt)} 时已登记的记录` : ''}；本级及 ${units.length - 1} 个下级单位；`,
        h('a', { href: href(['departments', code], carry) }, '本级部门视图 →'),
      ),
    ),
    timeBar(route, [h('label', null, '年度', yearInput)]),
    regionKpis(doc),
    units.length > 1 ? h('div', { class: 'charts region-charts' }, chart) : h('p', { class: 'empty' }, '该部门没有下级单位，区域合计即本级数。'),
    h('div', { class: 'table-wrap' }, table),
    h('p', { class: 'legend' }, '区域合计为各单位本级数之和：上级分解下达给下级的资金只计一次（在接收单位）。金额单位：元。'),
  );
  if (units.length > 1) renderRegionChart(chart, chartRows, doc.executionRate);
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  root.setAttribute('data-rendered', String(Date.now()));
}
