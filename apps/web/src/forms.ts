import { DEVIATION_CAUSES, DEVIATION_CAUSE_LABELS, FUND_SOURCE_LABELS, FUND_SOURCES, type FieldIssue, LIKELIHOODS, LIKELIHOOD_LABELS, money, parseCommand } from '@bem/domain';
import { ApiError, type AvailableBudget, type FieldError, type StoredEvent, get, post } from './api';
import { h, mount } from './dom';
import { ADJUST_LABEL, BASIS_LABEL, yuan } from './format';

/**
 * The clerk's forms: one per ledger command. Each form builds the same JSON a ledger line holds, validates it
 * in the browser with the domain's zod schemas (parseCommand), posts it, and shows every problem — the
 * browser's or the server's (problem+json, with the field at fault) — next to the field it concerns.
 */
export interface FormContext {
  departmentCode: string;
  fiscalYear: number;
  projects: { projectId: string; name: string }[];
  /** The project page: the project is fixed */
  fixedProject?: string;
  /** Default business date for new entries */
  defaultDate: string;
  /** Called after a successful submission (to refresh figures) */
  onDone: () => void | Promise<void>;
}

export type Option = [value: string, label: string];
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'amount' | 'select' | 'checkbox' | 'textarea';
  options?: Option[];
  value?: string;
  placeholder?: string;
  optional?: boolean;
  list?: string[];
}

export interface FormSpec {
  key: string;
  title: string;
  fields: (ctx: FormContext) => FieldSpec[];
  /** The ledger commands the form stands for, and how their fields map back to the form's */
  build: (values: Record<string, string>, id: () => string, ctx: FormContext) => { command: Record<string, unknown>; fields?: Record<string, string> }[];
  /** Extra live information (available budget, payments to reverse …) */
  extra?: (form: LiveForm) => void;
}

interface LiveForm {
  element: HTMLFormElement;
  ctx: FormContext;
  input(name: string): HTMLInputElement | HTMLSelectElement | undefined;
  info: HTMLElement;
}

const sourceOptions: Option[] = FUND_SOURCES.map((s) => [s, FUND_SOURCE_LABELS[s]]);
const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const projectField = (ctx: FormContext, name = 'projectId', label = '项目'): FieldSpec => ({
  name,
  label,
  kind: 'select',
  options: ctx.projects.map((p) => [p.projectId, `${p.name}（${p.projectId}）`]),
  value: ctx.fixedProject,
});

const dateField = (ctx: FormContext, label = '业务日期'): FieldSpec => ({ name: 'occurredOn', label, kind: 'date', value: ctx.defaultDate });

const FORMS: FormSpec[] = [
  {
    key: 'payment',
    title: '支付',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'paymentId', label: '支付编号', kind: 'text', value: `pay-${Date.now().toString(36)}` },
      dateField(ctx, '支付日期'),
      { name: 'amount', label: '金额（元）', kind: 'amount', placeholder: '例如 12000.00' },
      { name: 'economicCode', label: '经济分类科目', kind: 'text', optional: true, placeholder: '如 30201' },
      { name: 'source', label: '资金来源', kind: 'select', options: [['', '（不注明）'], ...sourceOptions], optional: true },
      { name: 'summary', label: '摘要', kind: 'text', optional: true },
      { name: 'threePublic', label: '三公经费', kind: 'select', options: [['', '否'], ['overseas', '因公出国（境）'], ['vehicle', '公务用车'], ['reception', '公务接待']], optional: true },
      { name: 'procurement', label: '政府采购', kind: 'checkbox' },
      { name: 'assetPurchase', label: '资产购置', kind: 'checkbox' },
      { name: 'publicExpense', label: '公用经费', kind: 'checkbox' },
    ],
    build: (v, id) => [
      {
        command: {
          command: 'RecordPayment', id: id(), projectId: v.projectId, paymentId: v.paymentId, occurredOn: v.occurredOn, amount: v.amount,
          economicCode: optional(v.economicCode), source: optional(v.source), summary: optional(v.summary), threePublic: optional(v.threePublic),
          procurement: v.procurement === 'true' || undefined, assetPurchase: v.assetPurchase === 'true' || undefined, publicExpense: v.publicExpense === 'true' || undefined,
        },
      },
    ],
    extra: availableBudget,
  },
  {
    key: 'issue',
    title: '预算下达',
    fields: (ctx) => [
      projectField(ctx),
      dateField(ctx, '下达日期'),
      { name: 'amount', label: '金额（元）', kind: 'amount' },
      { name: 'basis', label: '下达依据', kind: 'select', options: Object.entries(BASIS_LABEL) },
      { name: 'source', label: '资金来源', kind: 'select', options: sourceOptions },
      { name: 'document', label: '文号', kind: 'text', optional: true, placeholder: '如 川财社〔2020〕72号' },
      { name: 'procurementAmount', label: '其中政府采购预算（元）', kind: 'amount', optional: true },
      { name: 'threePublicAmount', label: '其中三公经费预算（元）', kind: 'amount', optional: true },
    ],
    build: (v, id) => [
      {
        command: {
          command: 'IssueBudget', id: id(), projectId: v.projectId, occurredOn: v.occurredOn, amount: v.amount, basis: v.basis, source: v.source,
          document: optional(v.document), procurementAmount: optional(v.procurementAmount), threePublicAmount: optional(v.threePublicAmount),
        },
      },
    ],
  },
  {
    key: 'adjust',
    title: '预算调整',
    fields: (ctx) => [
      projectField(ctx),
      dateField(ctx, '调整日期'),
      { name: 'kind', label: '调整类型', kind: 'select', options: [['increase', ADJUST_LABEL.increase], ['decrease', ADJUST_LABEL.decrease], ['cancel', ADJUST_LABEL.cancel]] },
      { name: 'amount', label: '金额（元，正数）', kind: 'amount' },
      { name: 'reason', label: '调整原因', kind: 'text' },
      { name: 'document', label: '文号', kind: 'text', optional: true },
    ],
    build: (v, id) => [
      {
        command: {
          command: 'AdjustBudget', id: id(), projectId: v.projectId, occurredOn: v.occurredOn, kind: v.kind,
          delta: v.kind === 'increase' ? v.amount : `-${v.amount.replace(/^[-+]/, '')}`, reason: v.reason, document: optional(v.document),
        },
        fields: { delta: 'amount' },
      },
    ],
  },
  {
    key: 'transfer',
    title: '调剂（成对）',
    fields: (ctx) => [
      { ...projectField(ctx, 'fromProject', '调出项目'), value: ctx.fixedProject },
      { ...projectField(ctx, 'toProject', '调入项目'), value: ctx.projects.find((p) => p.projectId !== ctx.fixedProject)?.projectId },
      dateField(ctx, '调剂日期'),
      { name: 'amount', label: '调剂金额（元）', kind: 'amount' },
      { name: 'reason', label: '调剂原因', kind: 'text' },
      { name: 'document', label: '文号', kind: 'text', optional: true },
    ],
    build: (v, id) => {
      const amount = v.amount.replace(/^[-+]/, '');
      const common = { command: 'AdjustBudget', occurredOn: v.occurredOn, reason: v.reason, document: optional(v.document) };
      return [
        { command: { ...common, id: id(), projectId: v.fromProject, kind: 'transfer-out', delta: `-${amount}`, counterpartProjectId: v.toProject }, fields: { projectId: 'fromProject', counterpartProjectId: 'toProject', delta: 'amount' } },
        { command: { ...common, id: id(), projectId: v.toProject, kind: 'transfer-in', delta: amount, counterpartProjectId: v.fromProject }, fields: { projectId: 'toProject', counterpartProjectId: 'fromProject', delta: 'amount' } },
      ];
    },
  },
  {
    key: 'arrival',
    title: '资金到位',
    fields: (ctx) => [projectField(ctx), dateField(ctx, '到位日期'), { name: 'amount', label: '金额（元）', kind: 'amount' }, { name: 'source', label: '资金来源', kind: 'select', options: sourceOptions }],
    build: (v, id) => [{ command: { command: 'RecordFundsArrival', id: id(), projectId: v.projectId, occurredOn: v.occurredOn, amount: v.amount, source: v.source } }],
  },
  {
    key: 'reversal',
    title: '冲销',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'paymentId', label: '冲销的支付', kind: 'select', options: [] },
      dateField(ctx, '冲销日期'),
      { name: 'reason', label: '冲销原因', kind: 'text', placeholder: '如 重复录入' },
    ],
    build: (v, id) => [{ command: { command: 'ReversePayment', id: id(), projectId: v.projectId, paymentId: v.paymentId, occurredOn: v.occurredOn, reason: v.reason } }],
    extra: reversiblePayments,
  },
  {
    key: 'indicator',
    title: '绩效目标',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'indicatorId', label: '指标编号', kind: 'text', value: `i-${Date.now().toString(36)}` },
      { name: 'level1', label: '一级指标', kind: 'select', options: ['产出指标', '效益指标', '满意度指标', '成本指标'].map((x) => [x, x]) },
      { name: 'level2', label: '二级指标', kind: 'text', list: ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标'] },
      { name: 'name', label: '三级指标名称', kind: 'text' },
      { name: 'target', label: '指标值', kind: 'text', placeholder: '如 ≥98%、>14804万元、6-9个月' },
      { name: 'weight', label: '分值', kind: 'text', optional: true },
    ],
    build: (v, id) => [
      { command: { command: 'SetIndicator', id: id(), projectId: v.projectId, indicatorId: v.indicatorId, level1: v.level1, level2: v.level2, name: v.name, target: v.target, weight: optional(v.weight) } },
    ],
  },
  {
    key: 'actual',
    title: '实际完成值',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'indicatorId', label: '指标', kind: 'select', options: [] },
      dateField(ctx, '截至日期'),
      { name: 'value', label: '实际完成值', kind: 'text', placeholder: '如 98%、6715.75万人、5天' },
    ],
    build: (v, id) => [{ command: { command: 'RecordIndicatorActual', id: id(), projectId: v.projectId, indicatorId: v.indicatorId, occurredOn: v.occurredOn, value: v.value } }],
    extra: projectIndicators,
  },
  {
    key: 'score',
    title: '自评得分',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'indicatorId', label: '评分对象', kind: 'select', options: [] },
      { name: 'score', label: '自评得分', kind: 'text', placeholder: '不超过分值，如 9 或 13.5' },
      { name: 'reason', label: '偏差原因分析及改进措施', kind: 'text', optional: true },
    ],
    // 预算执行率 and the 打分表's rows are form rows, not indicators: they travel as `item`.
    build: (v, id) => [{
      command: {
        command: 'RecordIndicatorScore', id: id(), projectId: v.projectId, score: v.score, reason: optional(v.reason),
        ...(v.indicatorId.startsWith(ITEM_PREFIX) ? { item: v.indicatorId.slice(ITEM_PREFIX.length) } : { indicatorId: v.indicatorId }),
      },
      fields: { item: 'indicatorId' },
    }],
    extra: (form) => projectIndicators(form, [[`${ITEM_PREFIX}预算执行率`, '预算执行率（项目资金）']]),
  },
  {
    key: 'text',
    title: '年度目标与说明',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'section', label: '内容', kind: 'select', options: [['goal', '预期目标'], ['outcome', '实际完成情况'], ['problems', '存在问题'], ['measures', '改进措施']] },
      { name: 'text', label: '文字', kind: 'text' },
    ],
    build: (v, id) => [{ command: { command: 'SetProjectText', id: id(), projectId: v.projectId, section: v.section, text: v.text } }],
  },
  {
    key: 'monitoring',
    title: '监控评估',
    fields: (ctx) => [
      projectField(ctx),
      { name: 'asOf', label: '监控时点', kind: 'date', value: ctx.defaultDate },
      { name: 'indicatorId', label: '指标', kind: 'select', options: [] },
      ...DEVIATION_CAUSES.map((cause): FieldSpec => ({ name: `cause-${cause}`, label: `偏差原因：${DEVIATION_CAUSE_LABELS[cause]}`, kind: 'checkbox' })),
      { name: 'likelihood', label: '完成目标可能性', kind: 'select', options: [['', '（不填）'], ...LIKELIHOODS.map((l): Option => [l, LIKELIHOOD_LABELS[l]])], optional: true },
      { name: 'forecast', label: '全年预计值（指标为完成值；项目资金为执行数，元）', kind: 'text', optional: true },
      { name: 'explanation', label: '原因说明', kind: 'text', optional: true },
    ],
    build: (v, id) => [{
      command: {
        command: 'RecordMonitoringAssessment', id: id(), projectId: v.projectId, asOf: v.asOf,
        indicatorId: v.indicatorId.startsWith(ITEM_PREFIX) ? undefined : optional(v.indicatorId),
        causes: DEVIATION_CAUSES.filter((cause) => v[`cause-${cause}`] === 'true'), likelihood: optional(v.likelihood),
        forecast: optional(v.forecast), explanation: optional(v.explanation),
      },
    }],
    extra: (form) => projectIndicators(form, [[`${ITEM_PREFIX}funds`, '项目资金（全年预计执行数）']]),
  },
];

/** The entry panel: a tab per command, the payment form first. */
export function entryPanel(ctx: FormContext): HTMLElement {
  const body = h('div', { class: 'entry-body' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const show = (spec: FormSpec) => {
    for (const tab of Array.from(tabs.children)) tab.setAttribute('aria-selected', String(tab.getAttribute('data-form') === spec.key));
    mount(body, commandForm(spec, ctx));
  };
  for (const spec of FORMS) tabs.append(h('button', { type: 'button', role: 'tab', 'data-form': spec.key, onclick: () => show(spec) }, spec.title));
  show(FORMS[0]);
  return h('section', { class: 'panel entry', 'aria-label': '录入' }, h('h2', null, '录入'), tabs, body);
}

/** One command form: built from its spec, validated in the browser (parseCommand), posted, every problem shown by its field. */
export function commandForm(spec: FormSpec, ctx: FormContext): HTMLFormElement {
  const ids: string[] = [];
  let issued = 0;
  // Command ids are kept across retries of the same entry (idempotent), renewed after a success.
  const id = () => (ids[issued] ??= newId(), ids[issued++]);
  const fields = spec.fields(ctx);
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const messages = new Map<string, HTMLElement>();
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const info = h('div', { class: 'form-info', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, `提交${spec.title}`);

  const rows = fields.map((field) => {
    let input: HTMLInputElement | HTMLSelectElement;
    if (field.kind === 'select') {
      input = h('select', { name: field.name }, (field.options ?? []).map(([value, label]) => h('option', { value, selected: value === field.value }, label)));
      if (field.name.toLowerCase().includes('project') && ctx.fixedProject && field.value === ctx.fixedProject && field.name === 'projectId') input.disabled = true;
    } else if (field.kind === 'checkbox') {
      input = h('input', { type: 'checkbox', name: field.name });
    } else {
      input = h('input', {
        type: field.kind === 'date' ? 'date' : 'text',
        name: field.name,
        value: field.value ?? '',
        placeholder: field.placeholder,
        inputmode: field.kind === 'amount' ? 'decimal' : undefined,
        list: field.list ? `${spec.key}-${field.name}-list` : undefined,
        autocomplete: 'off',
      });
    }
    inputs.set(field.name, input);
    const message = h('div', { class: 'field-error', 'data-error-for': field.name });
    messages.set(field.name, message);
    return h('div', { class: `field field-${field.kind}` },
      h('label', null, h('span', null, field.label, field.optional ? h('small', null, '（选填）') : null), input),
      field.list ? h('datalist', { id: `${spec.key}-${field.name}-list` }, field.list.map((x) => h('option', { value: x }))) : null,
      message,
    );
  });

  const form = h('form', { class: 'command-form', 'data-form': spec.key, novalidate: true }, h('div', { class: 'fields' }, rows), info, formError, h('div', { class: 'actions' }, submit));
  const values = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, input] of inputs) out[name] = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value.trim();
    return out;
  };
  const clear = () => {
    formError.replaceChildren();
    for (const message of messages.values()) message.textContent = '';
    for (const input of inputs.values()) input.removeAttribute('aria-invalid');
  };
  const show = (issues: FieldError[], fieldMap: Record<string, string> = {}, line?: number) => {
    const general: string[] = [];
    for (const issue of issues) {
      const name = fieldMap[issue.field] ?? issue.field;
      const message = messages.get(name);
      if (message) {
        message.textContent = message.textContent ? `${message.textContent}；${issue.message}` : issue.message;
        inputs.get(name)?.setAttribute('aria-invalid', 'true');
      } else general.push(`${line !== undefined ? `第 ${line} 条 ` : ''}${issue.field}: ${issue.message}`);
    }
    if (general.length) formError.append(h('ul', null, general.map((text) => h('li', null, text))));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    issued = 0;
    const built = spec.build(values(), id, ctx);
    let valid = true;
    const commands: Record<string, unknown>[] = [];
    for (const [index, { command, fields: map }] of built.entries()) {
      const clean = Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined));
      const parsed = parseCommand(clean);
      if (!parsed.ok) {
        valid = false;
        show(dedupe(parsed.issues), map, built.length > 1 ? index + 1 : undefined);
      }
      commands.push(clean);
    }
    if (!valid) return;
    submit.disabled = true;
    try {
      if (commands.length === 1) {
        const outcome = await post<{ eventIds: string[]; status: string }>('/commands', commands[0]);
        info.textContent = outcome.status === 'duplicate' ? '此前已记录（重复提交未再写入）' : `已记录 ✓（${outcome.eventIds.length} 个事件）`;
      } else {
        // A pair (调剂) goes through the import route: both lines or neither.
        const jsonl = commands.map((command) => JSON.stringify(command)).join('\n');
        const result = await post<{ appended: number }>('/imports?format=jsonl&filename=web-form.jsonl', jsonl, { 'content-type': 'application/x-ndjson' });
        info.textContent = `已记录 ✓（${result.appended} 条）`;
      }
      ids.length = 0;
      for (const field of fields) {
        const input = inputs.get(field.name);
        if (input && (field.kind === 'amount' || field.name === 'reason' || field.name === 'summary' || field.name === 'value')) input.value = '';
        if (input && field.name === 'paymentId' && spec.key === 'payment') input.value = `pay-${Date.now().toString(36)}`;
        if (input && field.name === 'indicatorId' && spec.key === 'indicator') input.value = `i-${Date.now().toString(36)}`;
      }
      form.dispatchEvent(new Event('bem:recorded'));
      await ctx.onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        formError.append(h('strong', null, `${error.title}（${error.status}）`));
        if (error.errors.length) {
          for (const e of error.errors) show([e], built[Math.max(0, (e.line ?? 1) - 1)]?.fields, built.length > 1 ? e.line : undefined);
        } else formError.append(h('p', null, error.detail));
      } else formError.append(h('p', null, String(error)));
    } finally {
      submit.disabled = false;
    }
  });

  const live: LiveForm = { element: form, ctx, input: (name) => inputs.get(name), info };
  spec.extra?.(live);
  return form;
}

const dedupe = (issues: FieldIssue[]) => issues.filter((issue, i) => issues.findIndex((x) => x.field === issue.field && x.message === issue.message) === i);

/** 可用预算 of the chosen project as the payment decision computes it (the server's figure), shown before submitting. */
function availableBudget(form: LiveForm): void {
  const project = form.input('projectId') as HTMLSelectElement;
  const amount = form.input('amount') as HTMLInputElement;
  const box = h('div', { class: 'available', 'data-testid': 'available-budget' });
  form.element.querySelector('.fields')!.after(box);
  let available: string | null = null;
  const compare = () => {
    box.classList.toggle('over', available !== null && /^\d+(\.\d{1,2})?$/.test(amount.value) && money(amount.value).gt(money(available)));
  };
  const load = async () => {
    if (!project.value) return;
    box.textContent = '正在查询可用预算…';
    try {
      const figures = await get<AvailableBudget>(`/projects/${encodeURIComponent(project.value)}/available`);
      available = figures.available;
      const terms = [`调整预算 ${yuan(figures.budget)}`, `已支付 ${yuan(figures.paid)}`];
      if (money(figures.allocated).gt(0)) terms.push(`已分解下达 ${yuan(figures.allocated)}`);
      if (money(figures.carried).gt(0)) terms.push(`已结转 ${yuan(figures.carried)}`);
      if (money(figures.cancelled).gt(0)) terms.push(`已注销 ${yuan(figures.cancelled)}`);
      if (figures.status === 'closed') {
        mount(box, h('strong', null, '该项目已关账，不能再支付'));
        available = '0.00';
      } else mount(box, '可用预算：', h('strong', null, `${yuan(figures.available)} 元`), `（${terms.join(' − ')}）`, h('span', { class: 'over-note' }, ' 支付金额超过可用预算，将被拒绝'));
      compare();
    } catch {
      box.textContent = '可用预算暂不可查';
    }
  };
  project.addEventListener('change', load);
  amount.addEventListener('input', compare);
  form.element.addEventListener('bem:recorded', load);
  void load();
}

async function eventsOf(projectId: string): Promise<StoredEvent[]> {
  return (await get<{ events: StoredEvent[] }>(`/projects/${encodeURIComponent(projectId)}/events`)).events;
}

/** The payments of the project that are not reversed yet. */
function reversiblePayments(form: LiveForm): void {
  const project = form.input('projectId') as HTMLSelectElement;
  const payment = form.input('paymentId') as HTMLSelectElement;
  const load = async () => {
    const events = await eventsOf(project.value);
    const reversed = new Set(events.filter((e) => e.type === 'PaymentReversed').map((e) => e.data.paymentId));
    const open = events.filter((e) => e.type === 'PaymentMade' && !reversed.has(e.data.paymentId));
    mount(payment, open.length ? open.map((e) => h('option', { value: e.data.paymentId }, `${e.data.paymentId} · ${e.data.occurredOn} · ${yuan(e.data.amount)} 元`)) : h('option', { value: '' }, '（无可冲销的支付）'));
  };
  project.addEventListener('change', load);
  form.element.addEventListener('bem:recorded', load);
  void load();
}

/** A select value naming a form row rather than an indicator. */
const ITEM_PREFIX = 'item:';

function projectIndicators(form: LiveForm, rows: Option[] = []): void {
  const project = form.input('projectId') as HTMLSelectElement;
  const indicator = form.input('indicatorId') as HTMLSelectElement;
  const load = async () => {
    const events = await eventsOf(project.value);
    const set = events.filter((e) => e.type === 'IndicatorSet');
    const options = [...rows.map(([value, label]) => h('option', { value }, label)), ...set.map((e) => h('option', { value: e.data.indicatorId }, `${e.data.name}（目标 ${e.data.target}）`))];
    mount(indicator, options.length ? options : h('option', { value: '' }, '（尚无绩效目标）'));
  };
  project.addEventListener('change', load);
  void load();
}
