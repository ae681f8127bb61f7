import { type AlertList, type CheckpointReport, type Curve, type DepartmentProgress, type ProfileAssignmentView, type ProjectRow, get, qs } from '../api';
import { type Route, app, canRead, canWrite, href, viewParams } from '../app-state';
import { renderArrivalChart, renderExecutionChart } from '../chart';
import { esc, h, mount } from '../dom';
import { KIND_LABEL, pct, statusLabel, wan, yuan, localTime } from '../format';
import { money } from '@bem/domain';
import { entryPanel } from '../forms';
import { formPanel, registerProjectSpec } from '../registration-forms';
import { profilePanel } from './profile-panel';
import { errorBox, kpi, progressBar, statusChip, timeBar } from '../widgets';
import { evaluationPanel, latestCheckpoint, monitoringPanel } from './evaluation';
import { loadRegion } from './region';

interface DepartmentData {
  progress: DepartmentProgress;
  curve: Curve;
  checkpoints: CheckpointReport | null;
  alerts: AlertList | null;
  assignment: ProfileAssignmentView;
}

type SortKey = 'name' | 'kind' | 'budgetInitial' | 'budgetCurrent' | 'arrived' | 'paid' | 'balance' | 'executionRate' | 'status';
const COLUMNS: [SortKey, string, boolean][] = [
  ['name', '项目', false],
  ['kind', '类型', false],
  ['budgetInitial', '年初预算', true],
  ['budgetCurrent', '调整预算', true],
  ['arrived', '到位', true],
  ['paid', '支出', true],
  ['balance', '结余', true],
  ['executionRate', '执行率', true],
  ['status', '检查点状态', false],
];
const STATUS_ORDER: Record<string, number> = { red: 0, yellow: 1, green: 2 };

async function load(code: string, year: number, route: Route): Promise<DepartmentData> {
  const view = viewParams(route);
  const profile = route.params.get('profile') ?? undefined;
  const [progress, curve, assignment] = await Promise.all([
    get<DepartmentProgress>(`/departments/${encodeURIComponent(code)}/progress${qs({ year, ...view })}`),
    get<Curve>(`/departments/${encodeURIComponent(code)}/curve${qs({ year, profile, ...view })}`),
    get<ProfileAssignmentView>(`/departments/${encodeURIComponent(code)}/profiles${qs({ year })}`),
  ]);
  const [checkpoints, alerts] = await Promise.all([
    get<CheckpointReport>(`/departments/${encodeURIComponent(code)}/checkpoints${qs({ year, profile: curve.profile.name, ...view })}`).catch(() => null),
    get<AlertList>(`/departments/${encodeURIComponent(code)}/alerts${qs({ year, ...view })}`).catch(() => null),
  ]);
  return { progress, curve, checkpoints, alerts, assignment };
}

/** `#/departments/<code>?year=<yyyy>`: KPIs, the curve against 序时进度 and checkpoint lines, the project table. */
export async function departmentView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const code = route.path[1];
  const year = Number(route.params.get('year') ?? app.me?.defaultYear ?? new Date().getFullYear());
  performance.clearMarks();
  performance.clearMeasures();
  let data: DepartmentData;
  try {
    data = await load(code, year, route);
  } catch (error) {
    mount(root, h('p', null, h('a', { href: '#/' }, '← 部门总览')), errorBox(error));
    return;
  }
  if (generation !== app.generation) return;
  performance.mark('department:data');

  const params = Object.fromEntries(route.params);
  const profileSelect = h('select', { name: 'profile', 'aria-label': '监控方案', onchange: (e: Event) => (location.hash = href(route.path, { ...params, profile: (e.target as HTMLSelectElement).value })) },
    (app.profiles?.profiles ?? []).map((p) => h('option', { value: p.name, selected: p.name === data.curve.profile.name }, p.title)));
  const yearInput = h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year, 'aria-label': '预算年度', onchange: (e: Event) => (location.hash = href(route.path, { ...params, year: (e.target as HTMLInputElement).value })) });

  const kpis = h('div', { class: 'kpis' });
  const executionChart = h('div', { class: 'chart', id: 'execution-chart', 'data-testid': 'execution-chart' });
  const arrivalChart = h('div', { class: 'chart', id: 'arrival-chart' });
  const checkpointsBox = h('div', { class: 'checkpoints' });
  const table = h('table', { class: 'projects', 'data-testid': 'project-table' });
  const sources = h('div', { class: 'sources' });
  let sort: { key: SortKey; descending: boolean } = { key: (route.params.get('sort') as SortKey) ?? 'executionRate', descending: route.params.get('desc') !== '0' };

  const statusOf = (rows: CheckpointReport | null) => {
    const latest = new Map<string, string | null>();
    for (const row of rows?.projects ?? []) latest.set(row.projectId, row.status);
    return latest;
  };

  const renderTable = (projects: ProjectRow[], statuses: Map<string, string | null>) => {
    // Amounts and rates compare as Decimal (never a JS number); one Decimal per row, made before sorting.
    const key = sort.key;
    const keyed = projects.map((row) => {
      if (key === 'name' || key === 'kind') return { row, text: row[key] };
      if (key === 'status') return { row, rank: STATUS_ORDER[statuses.get(row.projectId) ?? ''] ?? 3 };
      const v = row[key];
      return { row, amount: v === null ? null : money(v) };
    });
    const compare = (a: (typeof keyed)[number], b: (typeof keyed)[number]): number => {
      if (a.text !== undefined) return a.text.localeCompare(b.text ?? '', 'zh-CN');
      if (a.rank !== undefined) return a.rank - (b.rank ?? 3);
      if (!a.amount || !b.amount) return (a.amount ? 1 : 0) - (b.amount ? 1 : 0);
      return a.amount.cmp(b.amount);
    };
    const sorted = keyed.sort((a, b) => (sort.descending ? -compare(a, b) : compare(a, b))).map(({ row }) => row);
    const head = COLUMNS.map(([key, label, numeric]) => {
      const active = sort.key === key;
      return `<th scope="col" class="${numeric ? 'num' : ''}" aria-sort="${active ? (sort.descending ? 'descending' : 'ascending') : 'none'}"><button type="button" data-sort="${key}">${label}${active ? (sort.descending ? ' ▼' : ' ▲') : ''}</button></th>`;
    }).join('');
    const projectParams = { asOf: params.asOf, knownAt: params.knownAt };
    // One HTML string for up to thousands of rows: far faster than a node per cell.
    const body = sorted.map((row) => {
      const status = statuses.get(row.projectId) ?? null;
      return `<tr data-project="${esc(row.projectId)}"><th scope="row"><a href="${esc(href(['projects', row.projectId], projectParams))}">${esc(row.name)}</a></th><td>${KIND_LABEL[row.kind] ?? row.kind}</td><td class="num">${wan(row.budgetInitial)}</td><td class="num">${wan(row.budgetCurrent)}</td><td class="num">${wan(row.arrived)}</td><td class="num" data-col="paid">${wan(row.paid)}</td><td class="num">${wan(row.balance)}</td><td class="num rate" data-col="rate">${pct(row.executionRate)}</td><td><span class="chip status-${status ?? 'none'}">${statusLabel(status as never)}</span></td></tr>`;
    }).join('');
    table.innerHTML = `<caption>项目执行情况（万元）· ${projects.length} 个项目 · 点击表头排序</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
  };
  table.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button[data-sort]');
    if (!button) return;
    const key = button.getAttribute('data-sort') as SortKey;
    sort = { key, descending: sort.key === key ? !sort.descending : key !== 'name' && key !== 'kind' };
    renderTable(data.progress.projects, statusOf(data.checkpoints));
  });

  const renderData = (d: DepartmentData) => {
    const p = d.progress;
    const elapsedNow = d.curve.elapsedAsOf;
    const latest = d.checkpoints?.checkpoints.at(-1) ?? null;
    mount(kpis,
      kpi('年初预算', `${wan(p.budgetInitial)} 万元`),
      kpi('调整预算', `${wan(p.budgetCurrent)} 万元`),
      kpi('资金到位', `${wan(p.arrived)} 万元`, `到位率 ${pct(p.arrivalRate)}`),
      kpi('支出', `${wan(p.paid)} 万元`, `结余 ${wan(p.balance)} 万元`),
      h('div', { class: 'kpi kpi-wide' },
        h('div', { class: 'kpi-label' }, '执行进度'),
        h('div', { class: 'kpi-value', 'data-testid': 'execution-rate' }, pct(p.executionRate)),
        progressBar(p.executionRate, elapsedNow, latest?.status ?? null),
        h('div', { class: 'kpi-sub' }, `序时进度 ${elapsedNow}%`, latest ? [' · 最近检查点 ', statusChip(latest.status)] : null),
      ),
    );
    performance.mark('department:kpis');
    renderExecutionChart(executionChart, d.curve);
    renderArrivalChart(arrivalChart, d.curve);
    performance.mark('department:charts');
    const report = d.checkpoints;
    mount(checkpointsBox, report && (report.checkpoints.length || report.upcoming.length)
      ? h('table', { class: 'cp-table' },
          h('caption', null, `检查点（${report.profileTitle ?? report.profile}）· 合计得分 ${report.totalScore}`),
          h('thead', null, h('tr', null, ['检查点', '日期', '预算（万元）', '支出（万元）', '执行进度', '目标', '预警线', '状态', '得分'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null,
            report.checkpoints.map((c) => h('tr', { class: `status-row-${c.status ?? 'none'}` },
              h('th', { scope: 'row' }, c.label), h('td', null, c.date), h('td', { class: 'num' }, wan(c.budget)), h('td', { class: 'num' }, wan(c.paid)),
              h('td', { class: 'num' }, pct(c.progress)), h('td', { class: 'num' }, `${c.target}%`), h('td', { class: 'num' }, `${c.alertLine}%`),
              h('td', null, statusChip(c.status)), h('td', { class: 'num' }, `${c.score ?? '—'} / ${c.weight}`))),
            report.upcoming.map((date) => h('tr', { class: 'upcoming' }, h('th', { scope: 'row' }, '未到期'), h('td', null, date), h('td', { colspan: 7 }, '尚未到期'))),
          ))
      : h('p', { class: 'muted' }, '没有检查点数据。'));
    renderTable(p.projects, statusOf(report));
    performance.mark('department:table');
  };

  const refresh = async () => {
    const fresh = await load(code, year, route);
    data = fresh;
    renderData(fresh);
  };

  const openAlerts = (data.alerts?.alerts ?? []).filter((a) => a.status !== 'disposed');
  // Registering a project or assigning a profile changes the whole page (project lists, the profile's lines): render it again.
  const again = () => {
    app.generation += 1;
    return departmentView(root, route, app.generation);
  };
  const setupContext = { departmentCode: code, fiscalYear: year, projects: [], defaultDate: route.params.get('asOf') ?? data.progress.asOf, onDone: again };
  // 按当时登记: a past record is read only (no registration, entry, score or text forms)
  const pastRecord = !!params.knownAt;
  const writable = canWrite(code) && !pastRecord;
  const asOfDefault = data.progress.asOf;
  const regionLinks = h('p', { class: 'region-links' });
  mount(root,
    h('p', { class: 'crumbs' }, h('a', { href: href([], { year }) }, '部门总览'), ' / ', data.progress.department.name),
    h('div', { class: 'page-head' },
      h('h1', null, `${data.progress.department.name} · ${year} 年`),
      h('p', { class: 'muted' }, `截至 ${data.progress.asOf}${data.progress.knownAt ? `，按 ${localTime(data.progress.knownAt)} 时已登记的记录` : ''}`),
      regionLinks,
    ),
    timeBar(route, [h('label', null, '年度', yearInput), h('label', null, '监控方案', profileSelect)]),
    openAlerts.length ? h('p', { class: 'alert-banner' }, h('a', { href: href(['alerts'], { year, department: code, asOf: params.asOf, knownAt: params.knownAt }) }, `${openAlerts.length} 条预警待处理 →`)) : null,
    kpis,
    h('div', { class: 'charts' }, executionChart, arrivalChart),
    checkpointsBox,
    h('div', { class: 'table-wrap' }, table),
    h('details', { class: 'panel', ontoggle: (e: Event) => (e.target as HTMLDetailsElement).open && loadSources(sources, code, year, route) }, h('summary', null, '资金来源构成'), sources),
    // The 监控表 of the latest checkpoint the checkpoint job recorded; before any, of the latest one due by the calendar
    monitoringPanel(code, year, data.checkpoints?.checkpoints.at(-1)?.date ?? latestCheckpoint(app.profiles?.profiles.find((p) => p.name === data.curve.profile.name)?.checkpoints ?? [], year, data.progress.asOf)),
    evaluationPanel(code, year, data.assignment.evaluation.name, params),
    pastRecord ? h('p', { class: 'muted', 'data-testid': 'past-view' }, '当前为历史视图（按当时登记）：只读，重置为最新后可登记、录入得分与文字。') : null,
    profilePanel(data.assignment, setupContext, pastRecord),
    writable ? formPanel('登记新项目', registerProjectSpec, setupContext, 'register-project', data.progress.projects.length === 0) : null,
    writable
      ? entryPanel({ departmentCode: code, fiscalYear: year, projects: data.progress.projects, defaultDate: route.params.get('asOf') ?? asOfDefault, onDone: refresh })
      : null,
  );
  renderData(data);
  void showRegionLinks(regionLinks, code, year, route, generation);
  // Rendered = the DOM built and the charts painted (next frame).
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  performance.mark('department:rendered');
  const measure = performance.measure('department-render', 'department:data', 'department:rendered');
  (window as unknown as { __bemRender?: number }).__bemRender = measure.duration;
  root.setAttribute('data-rendered', String(Date.now()));
}

/**
 * 区域汇总 when the department has units below it, 上级区域 when it has a parent the user may read. Loaded after the
 * view has rendered (it never delays it); a department without a hierarchy shows neither.
 */
async function showRegionLinks(host: HTMLElement, code: string, year: number, route: Route, generation: number): Promise<void> {
  const region = await loadRegion(code, year, route).catch(() => null);
  if (!region || generation !== app.generation) return;
  const carry = { year, asOf: route.params.get('asOf'), knownAt: route.params.get('knownAt') };
  const parentCode = region.units[0]?.parentCode ?? null;
  const below = region.units.length - 1;
  mount(host,
    below > 0 ? h('a', { href: href(['regions', code], carry), 'data-testid': 'region-link' }, '区域汇总') : null,
    below > 0 ? h('span', { class: 'muted' }, ` （本级及 ${below} 个下级单位）`) : null,
    below > 0 && parentCode && canRead(parentCode) ? ' · ' : null,
    parentCode && canRead(parentCode) ? h('a', { href: href(['regions', parentCode], carry), 'data-testid': 'region-parent-link' }, '↑ 上级区域汇总') : null,
  );
}

async function loadSources(host: HTMLElement, code: string, year: number, route: Route): Promise<void> {
  if (host.childElementCount) return;
  mount(host, h('p', { class: 'loading' }, '正在汇总资金来源…'));
  try {
    const result = await get<{ sources: { source: string; label: string; issued: string; adjusted: string; arrived: string; paid: string }[] }>(
      `/departments/${encodeURIComponent(code)}/sources${qs({ year, ...viewParams(route) })}`,
    );
    mount(host, h('table', { class: 'sources-table' },
      h('thead', null, h('tr', null, ['资金来源', '下达（元）', '调整（元）', '到位（元）', '支出（元）'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, result.sources.map((s) => h('tr', null, h('th', { scope: 'row' }, s.label), h('td', { class: 'num' }, yuan(s.issued)), h('td', { class: 'num' }, yuan(s.adjusted)), h('td', { class: 'num' }, yuan(s.arrived)), h('td', { class: 'num' }, yuan(s.paid))))),
    ), h('p', { class: 'muted' }, '支付未注明资金来源的计入“未注明来源”；预算调整不区分来源。'));
  } catch (error) {
    mount(host, errorBox(error));
  }
}
