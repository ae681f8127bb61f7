import { get, post } from '../api';
import { h, mount } from '../dom';
import { ROLE_LABEL } from '../format';
import { errorBox } from '../widgets';

interface TokenInfo {
  id: string;
  role: string;
  departments: string[] | '*';
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
const stateOf = (t: TokenInfo) => (t.revokedAt ? '已吊销' : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? '已过期' : '有效');

/** `#/admin/tokens` (admin): the API tokens — list, create (the token shown once) and revoke. Never a token in the list. */
export async function tokensView(root: HTMLElement): Promise<void> {
  const list = h('div', { class: 'tokens-list' });
  const created = h('div', { class: 'token-created', 'aria-live': 'polite' });
  const role = h('select', { name: 'role' }, ['clerk', 'manager', 'auditor', 'admin'].map((r) => h('option', { value: r }, ROLE_LABEL[r] ?? r)));
  const departments = h('input', { name: 'departments', required: true, placeholder: 'sc-ybj,ls-ybj 或 *' });
  const label = h('input', { name: 'label', placeholder: '如：财务科张三' });
  const days = h('input', { name: 'expiresInDays', type: 'number', min: '1', placeholder: '不填则长期有效' });
  const form = h('form', { class: 'panel token-form' },
    h('h2', null, '新建令牌'),
    h('label', null, '角色', role),
    h('label', null, '部门范围', departments),
    h('label', null, '备注', label),
    h('label', null, '有效天数', days),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '创建')),
  );

  async function refresh(): Promise<void> {
    const tokens = await get<TokenInfo[]>('/tokens');
    mount(list, h('table', { class: 'tokens' },
      h('thead', null, h('tr', null, ['编号', '角色', '部门范围', '备注', '创建时间', '到期时间', '状态', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, tokens.map((t) => h('tr', { 'data-token-id': t.id },
        h('td', null, t.id), h('td', null, ROLE_LABEL[t.role] ?? t.role), h('td', null, t.departments === '*' ? '全部部门' : t.departments.join('、')),
        h('td', null, t.label ?? ''), h('td', null, when(t.createdAt)), h('td', null, when(t.expiresAt)), h('td', { class: 'state' }, stateOf(t)),
        h('td', null, t.revokedAt ? null : h('button', { type: 'button', class: 'revoke', onclick: () => void revoke(t) }, '吊销')),
      ))),
    ));
  }

  async function revoke(token: TokenInfo): Promise<void> {
    if (!window.confirm(`吊销令牌 ${token.id}？吊销后立即失效，无法恢复。`)) return;
    try {
      await post(`/tokens/${encodeURIComponent(token.id)}/revoke`);
      await refresh();
    } catch (error) {
      mount(created, errorBox(error));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await post<TokenInfo & { token: string }>('/tokens', {
        role: role.value, departments: departments.value.trim(), label: label.value.trim() || undefined, expiresInDays: days.value ? Number(days.value) : undefined,
      });
      mount(created, h('div', { class: 'panel success' },
        h('p', null, `已创建 ${answer.id}。令牌只显示这一次，请立即复制保存：`),
        h('code', { class: 'new-token' }, answer.token),
      ));
      await refresh();
    } catch (error) {
      mount(created, errorBox(error));
    }
  });

  mount(root, h('section', { class: 'tokens-page' }, h('h1', null, '访问令牌管理'), form, created, list));
  await refresh();
}
