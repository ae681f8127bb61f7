import { ApiError, type Me, type ProfileList, get, session, takeTokenFromAddress, whenUnauthenticated } from './api';
import { app, currentRoute, href } from './app-state';
import { h, mount } from './dom';
import { ROLE_LABEL } from './format';
import { alertsView } from './views/alerts';
import { departmentView } from './views/department';
import { departmentsView } from './views/departments';
import { importView } from './views/import';
import { projectView } from './views/project';
import { regionView } from './views/region';
import { tokensView } from './views/tokens';
import { errorBox, loading } from './widgets';

const root = document.getElementById('app')!;

function loginView(message?: string): void {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'bem_…', required: true, 'aria-label': '令牌' });
  const form = h('form', { class: 'login panel' },
    h('h1', null, '预算执行监控'),
    h('p', null, '请使用管理员发放的访问令牌登录，也可直接打开管理员发来的登录链接。'),
    message ? h('p', { class: 'form-error', role: 'alert' }, message) : null,
    h('label', null, '访问令牌', token),
    h('button', { type: 'submit', class: 'primary' }, '登录'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    session.set(token.value.trim());
    void start();
  });
  mount(root, h('main', { class: 'login-wrap' }, form));
}

function layout(me: Me): HTMLElement {
  const main = h('main', { id: 'view', tabindex: '-1' });
  const scope = me.departments === '*' ? '全部部门' : me.departments.join('、');
  mount(root,
    h('header', { class: 'top' },
      h('a', { class: 'brand', href: '#/' }, '预算执行监控'),
      h('nav', null,
        h('a', { href: '#/', 'data-nav': 'departments' }, '部门总览'),
        h('a', { href: '#/alerts', 'data-nav': 'alerts' }, '预警'),
        me.may.write ? h('a', { href: '#/import', 'data-nav': 'import' }, '导入') : null,
        me.role === 'admin' ? h('a', { href: '#/admin/tokens', 'data-nav': 'admin' }, '令牌管理') : null,
      ),
      h('div', { class: 'who' },
        h('span', { class: 'role', 'data-role': me.role }, ROLE_LABEL[me.role] ?? me.role), ' ',
        h('span', { class: 'scope', title: scope }, scope), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => { session.clear(); loginView('已退出。'); } }, '退出'),
      ),
    ),
    main,
  );
  return main;
}

let view: HTMLElement | null = null;

async function route(): Promise<void> {
  if (!view || !app.me) return;
  const generation = ++app.generation;
  const current = currentRoute();
  const [section] = current.path;
  for (const link of Array.from(document.querySelectorAll('nav a'))) link.classList.toggle('active', link.getAttribute('data-nav') === (section === 'departments' || section === 'regions' || !section ? 'departments' : section));
  mount(view, loading());
  try {
    if (section === 'departments' && current.path[1]) await departmentView(view, current, generation);
    else if (section === 'regions' && current.path[1]) await regionView(view, current, generation);
    else if (section === 'projects' && current.path[1]) await projectView(view, current, generation);
    else if (section === 'alerts') await alertsView(view, current, generation);
    else if (section === 'import' && app.me.may.write) importView(view);
    else if (section === 'admin' && current.path[1] === 'tokens' && app.me.role === 'admin') await tokensView(view);
    else await departmentsView(view, current, generation);
  } catch (error) {
    if (generation === app.generation) mount(view, errorBox(error));
  }
}

async function start(): Promise<void> {
  if (!session.token) return loginView();
  mount(root, loading());
  try {
    const [me, profiles] = await Promise.all([get<Me>('/me'), get<ProfileList>('/profiles')]);
    app.me = me;
    app.profiles = profiles;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    mount(root, errorBox(error));
    return;
  }
  view = layout(app.me);
  // A clerk or manager of one department lands on it.
  if (!location.hash && Array.isArray(app.me.departments) && app.me.departments.length === 1) {
    history.replaceState(null, '', `${location.pathname}${href(['departments', app.me.departments[0]])}`);
  }
  await route();
}

takeTokenFromAddress();
whenUnauthenticated(() => {
  session.clear();
  app.me = null;
  loginView('令牌无效或已被撤销，请重新登录。');
});
window.addEventListener('hashchange', () => void route());
void start();
