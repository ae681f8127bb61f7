import { type AlertList, type AlertRow, type DepartmentList, get, post, qs } from '../api';
import { type Route, app, canHandleAlerts, href } from '../app-state';
import { h, mount } from '../dom';
import { ALERT_STATUS_LABEL, FIGURE_LABEL, RULE_LABEL, figureText, localTime } from '../format';
import { errorBox } from '../widgets';

const DISPOSITIONS = ['继续执行', '调剂', '取消'] as const;
const SEVERITY_LABEL: Record<string, string> = { red: '红色预警', yellow: '黄色预警' };
const STATUS_ORDER: Record<string, number> = { overdue: 0, open: 1, acknowledged: 2, disposed: 3 };

interface InboxRow extends AlertRow {
  departmentCode: string;
  departmentName: string;
  fiscalYear: number;
}

/** `#/alerts`: the open alerts of every department in scope, red first, overdue highlighted, with the actions a manager takes. */
export async function alertsView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const only = route.params.get('department');
  const showAll = route.params.get('all') === '1';
  let rows: InboxRow[];
  let list: DepartmentList;
  try {
    list = await get<DepartmentList>(`/departments${qs({ year: route.params.get('year') ?? undefined })}`);
    const departments = list.departments.filter((d) => !only || d.code === only);
    const lists = await Promise.all(departments.map((d) => get<AlertList>(`/departments/${encodeURIComponent(d.code)}/alerts${qs({ year: list.year })}`)));
    rows = lists.flatMap((l, i) => l.alerts.map((a) => ({ ...a, departmentCode: departments[i].code, departmentName: departments[i].name, fiscalYear: l.fiscalYear })));
  } catch (error) {
    mount(root, errorBox(error));
    return;
  }
  if (generation !== app.generation) return;
  const params = Object.fromEntries(route.params);
  const shown = rows
    .filter((a) => showAll || a.status !== 'disposed')
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'red' ? -1 : 1) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.deadline.localeCompare(b.deadline));
  const counts = { red: shown.filter((a) => a.severity === 'red').length, yellow: shown.filter((a) => a.severity === 'yellow').length, overdue: shown.filter((a) => a.status === 'overdue').length };

  const yearSelect = h('select', { name: 'year', 'aria-label': '预算年度', onchange: (e: Event) => (location.hash = href(['alerts'], { ...params, year: (e.target as HTMLSelectElement).value })) },
    list.years.map((y) => h('option', { value: y, selected: y === list.year }, `${y} 年`)));
  const allToggle = h('label', { class: 'inline' }, h('input', { type: 'checkbox', checked: showAll, onchange: (e: Event) => (location.hash = href(['alerts'], { ...params, all: (e.target as HTMLInputElement).checked ? '1' : '' })) }), '包括已处置');

  mount(root,
    h('div', { class: 'page-head' }, h('h1', null, `预警 · ${list.year} 年`), h('p', { class: 'muted' }, `红色 ${counts.red} 条 · 黄色 ${counts.yellow} 条 · 逾期 ${counts.overdue} 条${only ? ` · 仅 ${only}` : ''}`)),
    h('div', { class: 'timebar' }, h('label', null, '年度', yearSelect), allToggle, only ? h('a', { href: href(['alerts'], { ...params, department: '' }) }, '显示全部部门') : null),
    shown.length ? h('ul', { class: 'alert-list' }, shown.map((alert) => alertCard(alert, () => alertsView(root, route, app.generation)))) : h('p', { class: 'empty' }, '没有待处理的预警。'),
  );
}

function alertCard(alert: InboxRow, refresh: () => void): HTMLElement {
  const handler = canHandleAlerts(alert.departmentCode);
  const error = h('div', { class: 'form-error', role: 'alert' });
  const act = async (path: string, body: unknown) => {
    error.replaceChildren();
    try {
      await post(`/alerts/${encodeURIComponent(alert.id)}/${path}`, body);
      refresh();
    } catch (e) {
      error.append(errorBox(e));
    }
  };
  const figures = Object.entries(alert.figures).filter(([key]) => key !== 'indicatorId' || alert.figures.indicatorId);
  let actions: HTMLElement | null = null;
  if (handler && alert.status !== 'disposed') {
    const disposition = h('select', { name: 'disposition', 'aria-label': '处置方式' }, DISPOSITIONS.map((d) => h('option', { value: d }, d)));
    const note = h('input', { type: 'text', name: 'note', placeholder: '处置说明（选填）', 'aria-label': '处置说明' });
    actions = h('div', { class: 'alert-actions' },
      alert.acknowledged ? null : h('button', { type: 'button', class: 'ack', onclick: () => act('acknowledge', {}) }, '确认收到'),
      h('form', { class: 'dispose', onsubmit: (e: Event) => { e.preventDefault(); void act('disposition', { disposition: disposition.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) }); } },
        disposition, note, h('button', { type: 'submit' }, '提交处置')),
    );
  }
  return h('li', { class: `alert-card severity-${alert.severity} status-${alert.status}`, 'data-alert': alert.id, 'data-status': alert.status },
    h('div', { class: 'alert-head' },
      h('span', { class: `chip sev-${alert.severity}` }, SEVERITY_LABEL[alert.severity] ?? alert.severity),
      h('strong', null, RULE_LABEL[alert.rule] ?? alert.rule),
      h('span', { class: `chip state-${alert.status}`, 'data-testid': 'alert-status' }, ALERT_STATUS_LABEL[alert.status] ?? alert.status),
    ),
    h('p', { class: 'alert-message' }, alert.message.zh),
    h('p', { class: 'alert-meta' },
      h('a', { href: href(['departments', alert.departmentCode], { year: alert.fiscalYear }) }, alert.departmentName),
      alert.projectId ? [' · ', h('a', { href: href(['projects', alert.projectId]) }, `项目 ${alert.projectId}`)] : ' · 部门整体',
      alert.checkpoint ? ` · 检查点 ${alert.checkpoint}` : '',
      ` · 发出 ${localTime(alert.raisedAt)} · `,
      h('span', { class: alert.status === 'overdue' ? 'overdue' : '' }, `处置期限 ${alert.deadline}${alert.status === 'overdue' ? '（已逾期，项目暂停）' : ''}`),
    ),
    h('dl', { class: 'figures' }, figures.map(([key, value]) => [h('dt', null, FIGURE_LABEL[key] ?? key), h('dd', null, figureText(key, value))])),
    alert.acknowledged ? h('p', { class: 'muted' }, `已由 ${alert.acknowledged.actor} 于 ${localTime(alert.acknowledged.at)} 确认`) : null,
    alert.disposition ? h('p', { class: 'muted' }, `处置：${alert.disposition.disposition}${alert.disposition.note ? `（${alert.disposition.note}）` : ''}，${alert.disposition.actor}，${localTime(alert.disposition.at)}`) : null,
    actions,
    error,
  );
}
