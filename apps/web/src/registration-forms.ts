import { FUND_SOURCE_LABELS, FUND_SOURCES } from '@bem/domain';
import { type FormContext, type FormSpec, type Option, commandForm } from './forms';
import { h } from './dom';
import { BASIS_LABEL, KIND_LABEL } from './format';

/**
 * The forms that set up the ledger rather than book into it: 登记部门 (admins, RegisterDepartment with its parent for
 * the region tree), 登记项目 (clerks, RegisterProject with an optional 年初预算 issued with it, both lines or neither)
 * and 方案指定 (admins, AssignProfile). They are command forms like the clerk's (forms.ts): validated in the browser
 * with the domain's schemas, the server's answer shown by the field it concerns.
 */
const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export const LEVEL_LABEL: Record<string, string> = { central: '中央', province: '省级', city: '市级', district: '区级', county: '县级', township: '乡镇', unit: '基层单位' };

export function registerDepartmentSpec(departments: { code: string; name: string }[]): FormSpec {
  return {
    key: 'register-department',
    title: '部门登记',
    fields: () => [
      { name: 'departmentCode', label: '部门编码', kind: 'text', placeholder: '如 cd-ybj（字母、数字、- 与 _）' },
      { name: 'name', label: '部门名称', kind: 'text', placeholder: '如 成都市医疗保障局' },
      { name: 'level', label: '层级', kind: 'select', options: [['', '（不注明）'], ...Object.entries(LEVEL_LABEL)], optional: true },
      { name: 'parentCode', label: '上级部门', kind: 'select', options: [['', '（无上级）'], ...departments.map((d): Option => [d.code, d.name])], optional: true },
    ],
    build: (v, id) => [{ command: { command: 'RegisterDepartment', id: id(), departmentCode: v.departmentCode, name: v.name, level: optional(v.level), parentCode: optional(v.parentCode) } }],
  };
}

export const registerProjectSpec: FormSpec = {
  key: 'register-project',
  title: '项目登记',
  fields: (ctx) => [
    { name: 'projectId', label: '项目编码', kind: 'text', placeholder: `如 ${ctx.departmentCode}-${ctx.fiscalYear}-xxjs` },
    { name: 'name', label: '项目名称', kind: 'text' },
    { name: 'kind', label: '支出类型', kind: 'select', options: Object.entries(KIND_LABEL), value: 'project' },
    { name: 'functionalCode', label: '功能分类科目', kind: 'text', optional: true, placeholder: '如 2101101' },
    { name: 'amount', label: '年初预算（元）', kind: 'amount', optional: true, placeholder: '填写则同时下达，如 500000.00' },
    { name: 'source', label: '预算资金来源', kind: 'select', options: FUND_SOURCES.map((s): Option => [s, FUND_SOURCE_LABELS[s]]), value: 'provincial' },
    { name: 'occurredOn', label: '下达日期', kind: 'date', value: ctx.defaultDate },
  ],
  build: (v, id, ctx) => {
    const register = { command: 'RegisterProject', id: id(), projectId: v.projectId, departmentCode: ctx.departmentCode, fiscalYear: ctx.fiscalYear, name: v.name, kind: v.kind, functionalCode: optional(v.functionalCode) };
    if (!optional(v.amount)) return [{ command: register }];
    return [
      { command: register },
      { command: { command: 'IssueBudget', id: id(), projectId: v.projectId, occurredOn: v.occurredOn, amount: v.amount, source: v.source, basis: 'initial', document: BASIS_LABEL.initial } },
    ];
  },
};

export interface ProfileChoice {
  name: string;
  title: string;
}

export function assignProfileSpec(monitoring: ProfileChoice[], evaluation: ProfileChoice[], current: { monitoring: string; evaluation: string }): FormSpec {
  return {
    key: 'assign-profile',
    title: '方案指定',
    fields: () => [
      { name: 'monitoring', label: '监控方案', kind: 'select', options: monitoring.map((p): Option => [p.name, p.title]), value: current.monitoring },
      { name: 'evaluation', label: '评价方案', kind: 'select', options: evaluation.map((p): Option => [p.name, p.title]), value: current.evaluation },
    ],
    build: (v, id, ctx) => [{ command: { command: 'AssignProfile', id: id(), departmentCode: ctx.departmentCode, fiscalYear: ctx.fiscalYear, monitoring: v.monitoring, evaluation: v.evaluation } }],
  };
}

/** A titled panel around one command form (folded unless `open`). */
export function formPanel(summary: string, spec: FormSpec, ctx: FormContext, testId: string, open = false): HTMLElement {
  return h('details', { class: 'panel register', open: open || undefined, 'data-testid': testId }, h('summary', null, summary), commandForm(spec, ctx));
}
