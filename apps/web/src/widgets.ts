import { ApiError } from './api';
import { type Route, href } from './app-state';
import { h } from './dom';
import { type Status, fromLocalInput, pct, statusLabel, toLocalInput } from './format';

/** A progress bar with the 序时进度 marker and an optional status colour. */
export function progressBar(rate: string | null, elapsed: string | null, status: Status, label?: string): HTMLElement {
  const value = rate === null ? 0 : Math.max(0, Math.min(100, Number(rate)));
  const bar = h('div', { class: `bar status-${status ?? 'none'}`, role: 'img', 'aria-label': label ?? `执行进度 ${pct(rate)}` },
    h('div', { class: 'bar-fill', style: `width:${value}%` }),
    elapsed !== null ? h('div', { class: 'bar-marker', style: `left:${Math.min(100, Number(elapsed))}%`, title: `序时进度 ${elapsed}%` }) : null,
  );
  return bar;
}

export const statusChip = (status: Status) => h('span', { class: `chip status-${status ?? 'none'}` }, statusLabel(status));

export function errorBox(error: unknown): HTMLElement {
  if (error instanceof ApiError) {
    return h('div', { class: 'error-box', role: 'alert' },
      h('strong', null, `${error.title}（${error.status}）`),
      error.detail ? h('p', null, error.detail) : null,
      error.errors.length ? h('ul', null, error.errors.map((e) => h('li', null, `${e.line ? `第 ${e.line} 行 ` : ''}${e.field}: ${e.message}`))) : null,
    );
  }
  return h('div', { class: 'error-box', role: 'alert' }, String((error as Error)?.message ?? error));
}

/**
 * The as-of / known-at pickers: every figure on the page is recomputed for that business date
 * (occurredOn ≤ asOf) as it was recorded by that instant (recordedAt ≤ knownAt).
 */
export function timeBar(route: Route, extra: HTMLElement[] = []): HTMLElement {
  const asOf = h('input', { type: 'date', name: 'asOf', value: route.params.get('asOf') ?? '', 'aria-label': '截至业务日期' });
  const knownAt = h('input', { type: 'datetime-local', name: 'knownAt', value: toLocalInput(route.params.get('knownAt')), 'aria-label': '按登记时刻' });
  const apply = () => {
    const params = Object.fromEntries(route.params);
    params.asOf = asOf.value;
    params.knownAt = fromLocalInput(knownAt.value) ?? '';
    location.hash = href(route.path, params);
  };
  asOf.addEventListener('change', apply);
  knownAt.addEventListener('change', apply);
  const reset = h('button', { type: 'button', class: 'link', onclick: () => { asOf.value = ''; knownAt.value = ''; apply(); } }, '重置为最新');
  const bitemporal = route.params.get('asOf') || route.params.get('knownAt');
  return h('div', { class: `timebar${bitemporal ? ' active' : ''}` },
    ...extra,
    h('label', null, '截至（业务日期）', asOf),
    h('label', null, '按当时登记（时刻）', knownAt),
    reset,
  );
}

export function kpi(label: string, value: string, sub?: string | HTMLElement): HTMLElement {
  return h('div', { class: 'kpi' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value), sub ? h('div', { class: 'kpi-sub' }, sub) : null);
}

export const loading = () => h('p', { class: 'loading' }, '正在加载…');
