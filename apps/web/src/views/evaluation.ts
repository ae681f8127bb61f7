import { qs, session } from '../api';
import { app } from '../app-state';
import { h, mount } from '../dom';
import { localTime } from '../format';

/** The bi-temporal view of the page (asOf / knownAt from the route), carried to every document it makes. */
export interface DocumentView {
  asOf?: string;
  knownAt?: string;
}

/** "（截至 2020-06-30 · 按 2020-07-01 08:00 时登记）": which view a document is made under; empty for the present one. */
export const viewCaption = (view: DocumentView): string =>
  view.asOf || view.knownAt ? `（${[view.asOf ? `截至 ${view.asOf}` : '', view.knownAt ? `按 ${localTime(view.knownAt)} 时登记` : ''].filter(Boolean).join(' · ')}）` : '';

const FORMATS: [string, string][] = [
  ['html', '网页预览'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['docx', 'Word（DOCX）'],
  ['xlsx', 'Excel（XLSX）'],
  ['pdf', 'PDF'],
];

interface DocumentPanelOptions {
  summary: string;
  /** the route for a format and profile */
  path: (format: string, profile: string, extra: Record<string, string>) => string;
  filename: (format: string, extra: Record<string, string>) => string;
  /** the profile select (default shown, preselected) */
  profile?: string | null;
  /** extra inputs (e.g. the 监控 date), read when the document is made */
  inputs?: [name: string, label: string, HTMLInputElement][];
  open?: boolean;
  testId?: string;
}

/**
 * A filed document previewed (HTML) or downloaded (DOCX / XLSX / PDF / Markdown / JSON) from its read route, with the
 * signed-in token. A route that answers 501 is shown as "not available yet", not as a failure.
 */
export function documentPanel(options: DocumentPanelOptions): HTMLElement {
  const format = h('select', { name: 'format', 'aria-label': '格式' }, FORMATS.map(([value, label]) => h('option', { value }, label)));
  const profile = h('select', { name: 'evaluationProfile', 'aria-label': '评价方案' }, (app.profiles?.evaluationProfiles ?? app.profiles?.profiles ?? []).map((p) => h('option', { value: p.name, selected: p.name === options.profile }, p.title)));
  const output = h('div', { class: 'evaluation-output', 'aria-live': 'polite' });
  const run = async () => {
    mount(output, h('p', { class: 'loading' }, '正在生成…'));
    const extra = Object.fromEntries((options.inputs ?? []).map(([name, , input]) => [name, input.value]));
    const response = await fetch(options.path(format.value, profile.value, extra), { headers: { authorization: `Bearer ${session.token ?? ''}` } });
    if (response.status === 501) {
      mount(output, h('p', { class: 'notice' }, '该文档尚未开放：服务端暂未提供（501）。'));
      return;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      mount(output, h('div', { class: 'error-box' }, `${problem.title ?? response.status}：${problem.detail ?? ''}`));
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    if (format.value === 'html') {
      mount(output, h('iframe', { class: 'evaluation-frame', sandbox: '', title: `${options.summary}预览`, srcdoc: await response.text() }));
    } else if (type.includes('json') || type.startsWith('text/')) {
      mount(output, h('pre', { class: 'evaluation-text' }, await response.text()));
    } else {
      const blob = await response.blob();
      const link = h('a', { href: URL.createObjectURL(blob), download: options.filename(format.value, extra) }, `下载 ${format.value.toUpperCase()} 文件`);
      mount(output, link);
      link.click();
    }
  };
  return h('details', { class: 'panel evaluation', open: options.open ? true : undefined, 'data-testid': options.testId },
    h('summary', null, options.summary),
    h('div', { class: 'row' },
      options.profile === null ? null : h('label', null, '评价方案', profile),
      ...(options.inputs ?? []).map(([, label, input]) => h('label', null, label, input)),
      h('label', null, '格式', format), h('button', { type: 'button', onclick: () => void run() }, '生成 / 预览')),
    output,
  );
}

/** Year-end 绩效自评 of a department under its 评价方案 (preselected), in the page's view: `GET /departments/:code/evaluation`. */
export function evaluationPanel(code: string, year: number, profile: string, view: DocumentView = {}): HTMLElement {
  return documentPanel({
    summary: `年终绩效自评${viewCaption(view)}`, profile, testId: 'department-evaluation',
    path: (format, chosen) => `/api/v1/departments/${encodeURIComponent(code)}/evaluation${qs({ year, profile: chosen, format, asOf: view.asOf, knownAt: view.knownAt })}`,
    filename: (format) => `绩效自评-${code}-${year}.${format}`,
  });
}

/** A project's 项目支出绩效自评表 (and 打分表 under a profile that has one), in the page's view: `GET /projects/:id/evaluation`. */
export function projectEvaluationPanel(projectId: string, name: string, profile: string, view: DocumentView = {}): HTMLElement {
  return documentPanel({
    summary: `项目支出绩效自评表${viewCaption(view)}`, profile, open: true, testId: 'project-evaluation',
    path: (format, chosen) => `/api/v1/projects/${encodeURIComponent(projectId)}/evaluation${qs({ profile: chosen, format, asOf: view.asOf, knownAt: view.knownAt })}`,
    filename: (format) => `项目支出绩效自评表-${name}.${format}`,
  });
}

/** The latest checkpoint of a profile that has passed (else its first): the 监控表 a department files. */
export function latestCheckpoint(checkpoints: string[], year: number, today = new Date().toISOString().slice(0, 10)): string {
  const dates = checkpoints.map((monthDay) => `${year}-${monthDay}`).sort();
  return [...dates].reverse().find((date) => date <= today) ?? dates[0] ?? `${year}-12-31`;
}

/** 项目支出绩效目标执行监控表 of every project at a checkpoint: `GET /departments/:code/monitoring?asOf`. */
export function monitoringPanel(code: string, year: number, asOf: string): HTMLElement {
  const date = h('input', { type: 'date', name: 'monitoringAsOf', value: asOf });
  return documentPanel({
    summary: `绩效目标执行监控表（最近检查点 ${asOf}）`, profile: null, inputs: [['asOf', '监控时点', date]], testId: 'monitoring-forms',
    path: (format, _profile, extra) => `/api/v1/departments/${encodeURIComponent(code)}/monitoring?year=${year}&asOf=${extra.asOf}&format=${format}`,
    filename: (format, extra) => `绩效目标执行监控表-${code}-${extra.asOf}.${format}`,
  });
}
