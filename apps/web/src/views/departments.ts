import { type DepartmentList, get, qs } from '../api';
import { type Route, app, href, viewParams } from '../app-state';
import { h, mount } from '../dom';
import { pct, wan, localTime } from '../format';
import { formPanel, registerDepartmentSpec } from '../registration-forms';
import { errorBox, progressBar, statusChip, timeBar } from '../widgets';

/** `#/` (or `#/departments`): the departments of the token's scope ranked by execution progress. */
export async function departmentsView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const year = route.params.get('year') ?? undefined;
  const profile = route.params.get('profile') ?? undefined;
  let list: DepartmentList;
  try {
    list = await get<DepartmentList>(`/departments${qs({ year, profile, ...viewParams(route) })}`);
  } catch (error) {
    mount(root, errorBox(error));
    return;
  }
  if (generation !== app.generation) return;
  const params = Object.fromEntries(route.params);
  const yearSelect = h('select', { name: 'year', 'aria-label': '预算年度', onchange: (e: Event) => (location.hash = href([], { ...params, year: (e.target as HTMLSelectElement).value })) },
    list.years.map((y) => h('option', { value: y, selected: y === list.year }, `${y} 年`)));
  const profileSelect = h('select', { name: 'profile', 'aria-label': '监控方案', onchange: (e: Event) => (location.hash = href([], { ...params, profile: (e.target as HTMLSelectElement).value })) },
    h('option', { value: '', selected: !profile }, '各部门指定的方案'),
    (app.profiles?.profiles ?? []).map((p) => h('option', { value: p.name, selected: !!profile && p.name === list.profile.name }, p.title)));
  const rows = list.departments.map((d) =>
    h('li', { class: 'dept-row', 'data-department': d.code },
      h('a', { href: href(['departments', d.code], { year: list.year, asOf: params.asOf, knownAt: params.knownAt }) },
        h('div', { class: 'dept-head' },
          h('span', { class: 'dept-name' }, d.name),
          h('span', { class: 'dept-rate' }, pct(d.executionRate)),
        ),
        progressBar(d.executionRate, list.elapsed, d.checkpoint?.status ?? null),
        h('div', { class: 'dept-meta' },
          `调整预算 ${wan(d.budgetCurrent)} 万元 · 支出 ${wan(d.paid)} 万元 · 到位率 ${pct(d.arrivalRate)} · ${d.projects} 个项目`,
          d.checkpoint ? [' · ', h('span', { title: d.profile.title }, `${d.checkpoint.label}检查点 ${pct(d.checkpoint.progress)}（目标 ${d.checkpoint.target}%）`), ' ', statusChip(d.checkpoint.status)] : ' · 尚无已到期检查点',
        ),
      ),
    ),
  );
  mount(root,
    h('div', { class: 'page-head' }, h('h1', null, `部门执行进度 · ${list.year} 年`), h('p', { class: 'muted' }, `截至 ${list.asOf}${list.knownAt ? `，按 ${localTime(list.knownAt)} 时已登记的记录` : ''}；序时进度 ${list.elapsed}%（竖线）`)),
    timeBar(route, [h('label', null, '年度', yearSelect), h('label', null, '监控方案', profileSelect)]),
    list.departments.length ? h('ol', { class: 'dept-list' }, rows) : h('p', { class: 'empty' }, '此年度在您的权限范围内没有部门数据。'),
    h('p', { class: 'legend' }, statusChip('green'), ' 达到检查点目标 ', statusChip('yellow'), ' 低于目标、高于预警线 ', statusChip('red'), ' 低于预警线'),
    app.me?.role === 'admin'
      ? formPanel('登记部门', registerDepartmentSpec(list.departments), {
          departmentCode: '', fiscalYear: list.year, projects: [], defaultDate: list.asOf,
          onDone: () => {
            app.generation += 1;
            return departmentsView(root, route, app.generation);
          },
        }, 'register-department')
      : null,
  );
}
