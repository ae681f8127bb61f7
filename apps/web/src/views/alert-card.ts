import { post } from '../api';
import { canHandleAlerts, href, ruleLabel } from '../app-state';
import { h } from '../dom';
import { ALERT_STATUS_LABEL, FIGURE_LABEL, figureText, localTime } from '../format';
import { errorBox } from '../widgets';
import type { InboxRow } from './alerts';

const DISPOSITIONS = ['继续执行', '调剂', '取消'] as const;
const SEVERITY_LABEL: Record<string, string> = { red: '红色预警', yellow: '黄色预警' };
/** Figures that only identify (shown in the sentence, not as a figure) */
const HIDDEN_FIGURES = new Set(['indicatorId', 'paymentId', 'paymentIds', 'status']);

/**
 * A card: the subject and checkpoint, every rule it breaks with its figures, and the manager's actions (none on a
 * past view: 截至 / 按当时登记 shows the card as it stood then, it is not the place to answer it).
 */
export function alertCard(alert: InboxRow, refresh: () => void, select: ((id: string, on: boolean) => void) | null, pastView = false): HTMLElement {
  const handler = canHandleAlerts(alert.departmentCode) && !pastView;
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
  let actions: HTMLElement | null = null;
  if (handler && alert.status !== 'disposed' && alert.status !== 'resolved') {
    const disposition = h('select', { name: 'disposition', 'aria-label': '处置方式' }, DISPOSITIONS.map((d) => h('option', { value: d }, d)));
    const note = h('input', { type: 'text', name: 'note', placeholder: '处置说明（选填）', 'aria-label': '处置说明' });
    actions = h('div', { class: 'alert-actions' },
      alert.acknowledged ? null : h('button', { type: 'button', class: 'ack', onclick: () => act('acknowledge', {}) }, '确认收到'),
      h('form', { class: 'dispose', onsubmit: (e: Event) => { e.preventDefault(); void act('disposition', { disposition: disposition.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) }); } },
        disposition, note, h('button', { type: 'submit' }, '提交处置')),
    );
  }
  const findings = alert.rules?.length ? alert.rules : [{ rule: alert.rule, severity: alert.severity, figures: alert.figures, message: alert.message }];
  const subject = alert.projectId ? (alert.projectName ?? `项目 ${alert.projectId}`) : '部门整体';
  return h('li', { class: `alert-card severity-${alert.severity} status-${alert.status}`, 'data-alert': alert.id, 'data-status': alert.status },
    h('div', { class: 'alert-head' },
      select ? h('input', { type: 'checkbox', class: 'pick', 'aria-label': '选择此预警', onchange: (e: Event) => select(alert.id, (e.target as HTMLInputElement).checked) }) : null,
      h('span', { class: `chip sev-${alert.severity}` }, SEVERITY_LABEL[alert.severity] ?? alert.severity),
      h('strong', null, `${subject} · ${findings.map((f) => ruleLabel(f.rule)).join('、')}`),
      h('span', { class: `chip state-${alert.status}`, 'data-testid': 'alert-status' }, ALERT_STATUS_LABEL[alert.status] ?? alert.status),
    ),
    h('ul', { class: 'findings' }, findings.map((finding) => h('li', { 'data-rule': finding.rule },
      h('p', { class: 'alert-message' }, `${ruleLabel(finding.rule)}：${finding.message.zh}`),
      // One cell per figure (label above value): a grid of pairs stays aligned whatever the number of figures
      h('dl', { class: 'figures' }, Object.entries(finding.figures).filter(([key]) => !HIDDEN_FIGURES.has(key))
        .map(([key, value]) => h('div', { class: 'figure', 'data-figure': key }, h('dt', null, FIGURE_LABEL[key] ?? '数值'), h('dd', null, figureText(key, value, finding.rule))))),
    ))),
    h('p', { class: 'alert-meta' },
      h('a', { href: href(['departments', alert.departmentCode], { year: alert.fiscalYear }) }, alert.departmentName),
      alert.projectId ? [' · ', h('a', { href: href(['projects', alert.projectId]) }, subject)] : '',
      alert.checkpoint ? ` · ${periodText(alert.checkpoint)}` : '',
      ` · 发出 ${localTime(alert.raisedAt)} · `,
      h('span', { class: alert.status === 'overdue' ? 'overdue' : '' }, `处置期限 ${alert.deadline}${alert.status === 'overdue' ? '（已逾期，项目暂停）' : ''}`),
    ),
    alert.acknowledged ? h('p', { class: 'muted' }, `已由 ${alert.acknowledged.actor} 于 ${localTime(alert.acknowledged.at)} 确认`) : null,
    alert.disposition ? h('p', { class: 'muted' }, `处置：${alert.disposition.disposition}${alert.disposition.note ? `（${alert.disposition.note}）` : ''}，${alert.disposition.actor}，${localTime(alert.disposition.at)}`) : null,
    actions,
    error,
  );
}

/** A checkpoint date (检查点 2020-06-30) or, for a real-time alert, its month (2021年7月 实时预警). */
const periodText = (checkpoint: string): string => {
  const month = /^(\d{4})-(\d{2})$/.exec(checkpoint);
  return month ? `${month[1]}年${Number(month[2])}月 实时预警` : `检查点 ${checkpoint}`;
};
