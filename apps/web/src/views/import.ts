import { ApiError, post, qs } from '../api';
import { h, mount } from '../dom';
import { errorBox } from '../widgets';

const FORMAT_OF: Record<string, string> = { jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv', xlsx: 'xlsx' };
const TYPE_OF: Record<string, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** `#/import`: a ledger file (JSONL / CSV / XLSX) to POST /imports, all or nothing, with the row-level error list. */
export function importView(root: HTMLElement): void {
  const file = h('input', { type: 'file', name: 'file', accept: '.jsonl,.ndjson,.csv,.xlsx', required: true });
  const unit = h('select', { name: 'unit' }, h('option', { value: '元' }, '元'), h('option', { value: '万元' }, '万元'));
  const dryRun = h('input', { type: 'checkbox', name: 'dryRun' });
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '上传导入');
  const form = h('form', { class: 'panel import-form' },
    h('p', null, '每行一条账本命令（与命令行导入相同），也可上传带中文表头的表格。整个文件先校验，任何一行有误则全部不写入；重复导入同一文件不会重复记账。'),
    h('label', null, '账本文件', file),
    h('label', null, '表格金额单位', unit),
    h('label', { class: 'inline' }, dryRun, '仅校验，不写入'),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      mount(result, h('p', { class: 'form-error' }, '请选择文件'));
      return;
    }
    const extension = chosen.name.split('.').pop()?.toLowerCase() ?? '';
    const format = FORMAT_OF[extension];
    if (!format) {
      mount(result, h('p', { class: 'form-error' }, '只支持 .jsonl / .csv / .xlsx 文件'));
      return;
    }
    submit.disabled = true;
    mount(result, h('p', { class: 'loading' }, '正在校验并导入…'));
    try {
      const body = await chosen.arrayBuffer();
      const summary = await post<{ dryRun: boolean; commands: number; appended: number; duplicates: number; events: number; warnings: { line: number; field: string; message: string }[] }>(
        `/imports${qs({ format, filename: chosen.name, unit: format === 'jsonl' ? undefined : unit.value, dryRun: dryRun.checked ? 'true' : undefined })}`,
        body,
        { 'content-type': TYPE_OF[format] },
      );
      mount(result,
        h('p', { class: 'success' }, summary.dryRun ? `校验通过：${summary.commands} 条命令，未写入。` : `已导入：${summary.commands} 条命令，新增 ${summary.appended} 条，重复 ${summary.duplicates} 条，共 ${summary.events} 个事件。`),
        summary.warnings.length ? h('ul', { class: 'warnings' }, summary.warnings.map((w) => h('li', null, `第 ${w.line} 行 ${w.field}: ${w.message}`))) : null,
      );
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) {
        mount(result,
          h('p', { class: 'form-error' }, `${error.title}：${error.detail}`),
          h('table', { class: 'import-errors' },
            h('thead', null, h('tr', null, ['行', '字段', '问题'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', null, error.errors.map((e) => h('tr', null, h('td', { class: 'num' }, e.line ?? '—'), h('td', null, e.field), h('td', null, e.message)))),
          ),
        );
      } else mount(result, errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  mount(root, h('div', { class: 'page-head' }, h('h1', null, '导入账本文件')), form, result);
}
