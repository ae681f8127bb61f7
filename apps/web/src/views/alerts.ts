import { type AlertQueryRow, type DepartmentAlertPage, type DepartmentList, get, post, qs } from '../api';
import { type Route, app, canHandleAlerts, href, ruleLabel, viewParams } from '../app-state';
import { h, mount } from '../dom';
import { ALERT_STATUS_LABEL } from '../format';
import { errorBox, timeBar } from '../widgets';
import { alertCard } from './alert-card';

/** Cards per department and page */
const PAGE_SIZE = 50;
/** The inbox's tabs: what still needs an answer (default), each status, everything */
const TABS: [string, string][] = [['active', '待办'], ['overdue', ALERT_STATUS_LABEL.overdue], ['open', ALERT_STATUS_LABEL.open], ['acknowledged', ALERT_STATUS_LABEL.acknowledged], ['disposed', ALERT_STATUS_LABEL.disposed], ['resolved', ALERT_STATUS_LABEL.resolved], ['all', '全部']];
const STATUSES_OF: Record<string, string | undefined> = { active: 'open,acknowledged,overdue', all: undefined };

export interface InboxRow extends AlertQueryRow {
  departmentCode: string;
  departmentName: string;
  fiscalYear: number;
}

/**
 * `#/alerts`: the alert cards of the departments in scope, paged on the server, with tabs per status (counts),
 * filters (department, severity, rule, checkpoint), search by project name, grouping by project and bulk acknowledge.
 */
export async function alertsView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const params = Object.fromEntries(route.params);
  const tab = params.status ?? (params.all === '1' ? 'all' : 'active');
  const page = Math.max(0, Number(params.page ?? 0) || 0);
  const grouped = params.group === 'project';
  let list: DepartmentList;
  let pages: { code: string; name: string; page: DepartmentAlertPage }[];
  try {
    list = await get<DepartmentList>(`/departments${qs({ year: params.year })}`);
    const departments = list.departments.filter((d) => !params.department || d.code === params.department);
    const query = {
      year: list.year, limit: PAGE_SIZE, offset: page * PAGE_SIZE, status: tab in STATUSES_OF ? STATUSES_OF[tab] : tab,
      severity: params.severity, rule: params.rule, checkpoint: params.checkpoint, q: params.q, groupBy: grouped ? 'project' : undefined,
      ...viewParams(route),
    };
    pages = await Promise.all(departments.map(async (d) => ({ code: d.code, name: d.name, page: await get<DepartmentAlertPage>(`/departments/${encodeURIComponent(d.code)}/alerts${qs(query)}`) })));
  } catch (error) {
    mount(root, errorBox(error));
    return;
  }
  if (generation !== app.generation) return;
  const go = (change: Record<string, string>) => (location.hash = href(['alerts'], { ...params, page: '', ...change }));
  const refresh = () => alertsView(root, route, app.generation);
  const rowsOf = (entry: (typeof pages)[number], alerts: AlertQueryRow[]): InboxRow[] => alerts.map((a) => ({ ...a, departmentCode: entry.code, departmentName: entry.name, fiscalYear: entry.page.fiscalYear }));
  const total = pages.reduce((sum, entry) => sum + entry.page.total, 0);
  const counts = (status: string) => pages.reduce((sum, entry) => sum + (entry.page.counts[status as AlertQueryRow['status']] ?? 0), 0);
  const tabCount = (key: string) => (key === 'active' ? counts('open') + counts('acknowledged') + counts('overdue') : key === 'all' ? TABS.slice(1, 6).reduce((sum, [s]) => sum + counts(s), 0) : counts(key));
  const pageCount = Math.max(1, ...pages.map((entry) => Math.ceil((grouped ? entry.page.groupTotal ?? 0 : entry.page.total) / PAGE_SIZE)));

  const selected = new Set<string>();
  const bulkError = h('div', { class: 'form-error', role: 'alert' });
  const bulkButton = h('button', { type: 'button', class: 'bulk-ack', disabled: true, onclick: () => void acknowledgeSelected() }, '批量确认') as HTMLButtonElement;
  const toggle = (id: string, on: boolean) => {
    if (on) selected.add(id);
    else selected.delete(id);
    bulkButton.disabled = selected.size === 0;
    bulkButton.textContent = selected.size ? `批量确认（${selected.size} 条）` : '批量确认';
  };
  async function acknowledgeSelected(): Promise<void> {
    bulkError.replaceChildren();
    try {
      await post('/alerts/acknowledge', { ids: [...selected] });
      refresh();
    } catch (e) {
      bulkError.append(errorBox(e));
    }
  }
  // As known at a past instant the inbox is a record (read-only); 截至 alone only narrows it to earlier checkpoints
  const pastView = !!params.knownAt;
  const selectable = (row: InboxRow) => !pastView && canHandleAlerts(row.departmentCode) && !row.acknowledged && !row.disposition && row.status !== 'resolved';
  const cards = (rows: InboxRow[]) => h('ul', { class: 'alert-list' }, rows.map((row) => alertCard(row, refresh, selectable(row) ? toggle : null, pastView)));
  const body = pages.flatMap((entry) =>
    grouped
      ? (entry.page.groups ?? []).map((group) => h('section', { class: 'alert-group', 'data-project': group.projectId ?? '' },
          h('h2', null, `${group.projectName ?? (group.projectId ? `项目 ${group.projectId}` : `${entry.name} 部门整体`)} · ${group.total} 条（红色 ${group.red} 条）`),
          cards(rowsOf(entry, group.alerts))))
      : entry.page.alerts.length ? [cards(rowsOf(entry, entry.page.alerts))] : []);

  const select = (name: string, label: string, options: [string, string][], value: string | undefined) =>
    h('label', null, label, h('select', { name, 'aria-label': label, onchange: (e: Event) => go({ [name]: (e.target as HTMLSelectElement).value }) },
      options.map(([v, text]) => h('option', { value: v, selected: (value ?? '') === v }, text))));
  const search = h('input', { type: 'search', name: 'q', value: params.q ?? '', placeholder: '按项目名称搜索', 'aria-label': '按项目名称搜索' }) as HTMLInputElement;
  const filters = h('form', { class: 'timebar inbox-filters', onsubmit: (e: Event) => { e.preventDefault(); go({ q: search.value.trim() }); } },
    select('year', '年度', list.years.map((y) => [String(y), `${y} 年`]), String(list.year)),
    select('department', '部门', [['', '全部部门'], ...list.departments.map((d): [string, string] => [d.code, d.name])], params.department),
    select('severity', '级别', [['', '全部级别'], ['red', '红色预警'], ['yellow', '黄色预警']], params.severity),
    select('rule', '规则', [['', '全部规则'], ...Object.keys(app.profiles?.ruleLabels ?? {}).map((rule): [string, string] => [rule, ruleLabel(rule)])], params.rule),
    h('label', null, '搜索', search), h('button', { type: 'submit' }, '搜索'),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'group', checked: grouped, onchange: (e: Event) => go({ group: (e.target as HTMLInputElement).checked ? 'project' : '' }) }), '按项目分组'),
  );
  const tabs = h('nav', { class: 'tabs', 'aria-label': '按状态' }, TABS.map(([key, label]) =>
    h('a', { href: href(['alerts'], { ...params, page: '', all: '', status: key === 'active' ? '' : key }), class: key === tab ? 'active' : '', 'data-tab': key }, `${label} ${tabCount(key)}`)));
  const pager = h('nav', { class: 'pager', 'aria-label': '翻页' },
    page > 0 ? h('a', { href: href(['alerts'], { ...params, page: String(page - 1) }), 'data-page': 'prev' }, '上一页') : null,
    h('span', { 'data-testid': 'page' }, `第 ${page + 1} / ${pageCount} 页`),
    page + 1 < pageCount ? h('a', { href: href(['alerts'], { ...params, page: String(page + 1) }), 'data-page': 'next' }, '下一页') : null);

  mount(root,
    h('div', { class: 'page-head' }, h('h1', null, `预警 · ${list.year} 年`), h('p', { class: 'muted', 'data-testid': 'alert-total' }, `共 ${total} 条 · 每部门每页 ${PAGE_SIZE} 条`)),
    timeBar(route), filters, tabs,
    pastView ? h('p', { class: 'muted', 'data-testid': 'past-view' }, '当前为历史视图（截至 / 按当时登记）：预警只读，重置为最新后可确认、处置。') : h('div', { class: 'bulk' }, bulkButton, bulkError),
    body.length ? body : h('p', { class: 'empty' }, '没有符合条件的预警。'),
    pager,
  );
}
