import { session } from '../api';
import { app } from '../app-state';
import { h, mount } from '../dom';

const FORMATS: [string, string][] = [
  ['html', '网页预览'],
  ['md', 'Markdown'],
  ['json', 'JSON'],
  ['docx', 'Word（DOCX）'],
  ['xlsx', 'Excel（XLSX）'],
  ['pdf', 'PDF'],
];

/**
 * Year-end 绩效自评: previews or downloads `GET /departments/:code/evaluation`. Until the evaluation service lands
 * the route answers 501: that is shown as "not available yet", not as a failure.
 */
export function evaluationPanel(code: string, year: number): HTMLElement {
  const format = h('select', { name: 'format', 'aria-label': '格式' }, FORMATS.map(([value, label]) => h('option', { value }, label)));
  const profile = h('select', { name: 'evaluationProfile', 'aria-label': '评价方案' }, (app.profiles?.profiles ?? []).map((p) => h('option', { value: p.name, selected: p.name === 'sichuan-2020' }, p.title)));
  const output = h('div', { class: 'evaluation-output', 'aria-live': 'polite' });
  const run = async () => {
    mount(output, h('p', { class: 'loading' }, '正在生成…'));
    const url = `/api/v1/departments/${encodeURIComponent(code)}/evaluation?year=${year}&profile=${encodeURIComponent(profile.value)}&format=${format.value}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
    if (response.status === 501) {
      mount(output, h('p', { class: 'notice' }, '年终绩效自评尚未开放：服务端暂未提供自评报告（501）。检查点与预警功能不受影响。'));
      return;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      mount(output, h('div', { class: 'error-box' }, `${problem.title ?? response.status}：${problem.detail ?? ''}`));
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    if (format.value === 'html') {
      mount(output, h('iframe', { class: 'evaluation-frame', sandbox: '', title: '绩效自评报告预览', srcdoc: await response.text() }));
    } else if (type.includes('json') || type.startsWith('text/')) {
      mount(output, h('pre', { class: 'evaluation-text' }, await response.text()));
    } else {
      const blob = await response.blob();
      const link = h('a', { href: URL.createObjectURL(blob), download: `绩效自评-${code}-${year}.${format.value}` }, `下载 ${format.value.toUpperCase()} 文件`);
      mount(output, link);
      link.click();
    }
  };
  return h('details', { class: 'panel evaluation' },
    h('summary', null, '年终绩效自评'),
    h('div', { class: 'row' }, h('label', null, '评价方案', profile), h('label', null, '格式', format), h('button', { type: 'button', onclick: () => void run() }, '生成 / 预览')),
    output,
  );
}
