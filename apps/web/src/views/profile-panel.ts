import type { ProfileAssignmentView } from '../api';
import { app } from '../app-state';
import { h } from '../dom';
import type { FormContext } from '../forms';
import { assignProfileSpec } from '../registration-forms';
import { commandForm } from '../forms';

/**
 * 方案指定 of a department-year on its page: the 监控方案 and 评价方案 it is under (Chinese titles), and for an admin the
 * form that assigns them (AssignProfile, from the known profiles) unless the page is a past view. Everyone else reads it.
 */
export function profilePanel(assignment: ProfileAssignmentView, ctx: FormContext, readOnly = false): HTMLElement {
  const monitoring = app.profiles?.profiles ?? [];
  const evaluation = app.profiles?.evaluationProfiles ?? monitoring;
  return h('section', { class: 'panel profile-assignment', 'data-testid': 'profile-assignment', 'aria-label': '方案指定' },
    h('h2', null, '方案指定'),
    h('dl', { class: 'assignment' },
      h('dt', null, '监控方案'), h('dd', { 'data-testid': 'current-monitoring' }, assignment.monitoring.title),
      h('dt', null, '评价方案'), h('dd', { 'data-testid': 'current-evaluation' }, assignment.evaluation.title),
    ),
    assignment.assigned ? null : h('p', { class: 'muted' }, '本年度尚未指定方案，沿用系统默认方案。'),
    app.me?.role === 'admin' && !readOnly
      ? commandForm(assignProfileSpec(monitoring, evaluation, { monitoring: assignment.monitoring.name, evaluation: assignment.evaluation.name }), ctx)
      : h('p', { class: 'muted' }, readOnly ? '历史视图只读：方案指定请在最新视图中进行。' : '方案由管理员指定。'),
  );
}
