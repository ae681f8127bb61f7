import { FUND_SOURCE_LABELS, LIKELIHOOD_LABELS, replacesActual } from '@bem/domain';

const PROJECT_TEXT_LABEL: Record<string, string> = { goal: '预期目标', outcome: '实际完成情况', problems: '存在问题', measures: '改进措施', centralDepartment: '中央主管部门', implementer: '实施单位' };
import { type Curve, type DepartmentProgress, type ProjectProgress, type StoredEvent, get, qs } from '../api';
import { type Route, app, canWrite, href, viewParams } from '../app-state';
import { renderArrivalChart, renderExecutionChart } from '../chart';
import { h, mount } from '../dom';
import { ADJUST_LABEL, BASIS_LABEL, EVENT_LABEL, KIND_LABEL, localTime, sourceLabel, pct, wan, yuan } from '../format';
import { entryPanel } from '../forms';
import { errorBox, kpi, progressBar, timeBar } from '../widgets';
import { projectEvaluationPanel } from './evaluation';

interface ProjectData {
  progress: ProjectProgress;
  curve: Curve;
  events: StoredEvent[];
  siblings: { projectId: string; name: string }[];
}

async function load(projectId: string, route: Route): Promise<ProjectData> {
  const id = encodeURIComponent(projectId);
  const view = viewParams(route);
  const [progress, curve, events] = await Promise.all([
    get<ProjectProgress>(`/projects/${id}/progress${qs(view)}`),
    get<Curve>(`/projects/${id}/curve${qs({ ...view, profile: route.params.get('profile') ?? undefined })}`),
    get<{ events: StoredEvent[] }>(`/projects/${id}/events`),
  ]);
  // The entry forms (调剂 needs the counterpart) list the department's projects.
  const siblings = canWrite(progress.department.code)
    ? (await get<DepartmentProgress>(`/departments/${encodeURIComponent(progress.department.code)}/progress${qs({ year: progress.fiscalYear })}`)).projects
    : [];
  return { progress, curve, events: events.events, siblings };
}

const source = (s: string | undefined) => (s ? (FUND_SOURCE_LABELS as Record<string, string>)[s] ?? s : '');

/** What an event says, in a line. */
function describe(event: StoredEvent, reversed: Map<string, StoredEvent>): (string | HTMLElement)[] {
  const d = event.data;
  switch (event.type) {
    case 'ProjectRegistered':
      return [`登记项目「${d.name}」，${KIND_LABEL[d.kind] ?? d.kind}，${d.fiscalYear} 年度`];
    case 'BudgetIssued':
      return [`${BASIS_LABEL[d.basis] ?? d.basis} ${yuan(d.amount)} 元，${source(d.source)}资金${d.document ? `，${d.document}` : ''}`];
    case 'BudgetAdjusted':
      return [`${ADJUST_LABEL[d.kind] ?? d.kind} ${yuan(d.delta)} 元：${d.reason}${d.counterpartProjectId ? `（对方项目 ${d.counterpartProjectId}）` : ''}`];
    case 'FundsArrived':
      return [`到位 ${yuan(d.amount)} 元，${source(d.source)}资金`];
    case 'PaymentMade': {
      const reversal = reversed.get(d.paymentId);
      return [
        h('span', { class: reversal ? 'struck' : '' }, `支付 ${d.paymentId}：${yuan(d.amount)} 元${d.economicCode ? `，科目 ${d.economicCode}` : ''}${d.summary ? `，${d.summary}` : ''}`),
        reversal ? h('span', { class: 'tag reversed' }, `已于 ${reversal.data.occurredOn} 冲销`) : '',
      ];
    }
    case 'PaymentReversed':
      return [h('span', { class: 'tag reversal' }, '冲销'), ` 支付 ${d.paymentId}：−${yuan(d.amount)} 元，原因：${d.reason}（原记录保留不改）`];
    case 'IndicatorSet':
      return [`${d.level1} / ${d.level2} / ${d.name}：目标 ${d.target}${d.weight ? `，分值 ${d.weight}` : ''}`];
    case 'IndicatorActualRecorded':
      return [`指标 ${d.indicatorId} 实际完成值 ${d.value}`];
    case 'ProjectClosed':
      return ['年度关账，此后不再接受记录'];
    case 'IndicatorScoreRecorded':
      return [`${d.item ?? `指标 ${d.indicatorId}`} 自评得分 ${d.score}${d.reason ? `：${d.reason}` : ''}`];
    case 'ProjectTextSet':
      return [`${PROJECT_TEXT_LABEL[d.section] ?? d.section}：${d.text}`];
    case 'MonitoringAssessmentRecorded':
      return [`${d.asOf} 监控${d.indicatorId ? `（指标 ${d.indicatorId}）` : '（项目资金）'}${d.likelihood ? `，完成可能性 ${(LIKELIHOOD_LABELS as Record<string, string>)[d.likelihood]}` : ''}${d.forecast ? `，全年预计 ${d.forecast}` : ''}${d.explanation ? `：${d.explanation}` : ''}`];
    default:
      return [JSON.stringify(d)];
  }
}

/** `#/projects/<id>`: figures, curve, indicators (targets vs actuals) and the untouched event history. */
export async function projectView(root: HTMLElement, route: Route, generation: number): Promise<void> {
  const projectId = route.path[1];
  let data: ProjectData;
  try {
    data = await load(projectId, route);
  } catch (error) {
    mount(root, h('p', null, h('a', { href: '#/' }, '← 部门总览')), errorBox(error));
    return;
  }
  if (generation !== app.generation) return;
  const params = Object.fromEntries(route.params);
  const kpis = h('div', { class: 'kpis' });
  const executionChart = h('div', { class: 'chart', 'data-testid': 'project-execution-chart' });
  const arrivalChart = h('div', { class: 'chart' });
  const indicators = h('div');
  const history = h('div');

  const renderData = (d: ProjectData) => {
    const p = d.progress;
    const asOf = p.asOf;
    const knownAt = p.knownAt;
    const elapsedNow = d.curve.elapsedAsOf;
    mount(kpis,
      kpi('年初预算', `${wan(p.budgetInitial)} 万元`),
      kpi('调整预算', `${wan(p.budgetCurrent)} 万元`),
      kpi('资金到位', `${wan(p.arrived)} 万元`, `到位率 ${pct(p.arrivalRate)}`),
      kpi('支出', `${wan(p.paid)} 万元`, `可用预算 ${yuan(p.balance)} 元`),
      h('div', { class: 'kpi kpi-wide' }, h('div', { class: 'kpi-label' }, '执行进度'), h('div', { class: 'kpi-value' }, pct(p.executionRate)), progressBar(p.executionRate, elapsedNow, null), h('div', { class: 'kpi-sub' }, `序时进度 ${elapsedNow}%`)),
    );
    renderExecutionChart(executionChart, d.curve);
    renderArrivalChart(arrivalChart, d.curve);

    const visible = (e: StoredEvent) => (knownAt === null || e.recordedAt <= knownAt) && (!e.data.occurredOn || e.data.occurredOn <= asOf);
    const targets = new Map<string, StoredEvent>();
    const actuals = new Map<string, StoredEvent>();
    for (const event of d.events) {
      if (!visible(event)) continue;
      if (event.type === 'IndicatorSet') targets.set(event.data.indicatorId, event);
      if (event.type === 'IndicatorActualRecorded') {
        const before = actuals.get(event.data.indicatorId);
        // The domain's rule (the value dated latest wins), not a copy of it
        if (!before || replacesActual({ actualOn: before.data.occurredOn }, { occurredOn: event.data.occurredOn })) actuals.set(event.data.indicatorId, event);
      }
    }
    mount(indicators, targets.size
      ? h('table', { class: 'indicators' },
          h('caption', null, '绩效指标（目标与实际完成值）'),
          h('thead', null, h('tr', null, ['一级指标', '二级指标', '三级指标', '指标值（目标）', '实际完成值', '截至', '分值'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, [...targets.values()].map((t) => {
            const actual = actuals.get(t.data.indicatorId);
            return h('tr', null, h('td', null, t.data.level1), h('td', null, t.data.level2), h('th', { scope: 'row' }, t.data.name), h('td', null, t.data.target),
              h('td', null, actual?.data.value ?? '未填报'), h('td', null, actual?.data.occurredOn ?? '—'), h('td', { class: 'num' }, t.data.weight ?? '—'));
          })))
      : h('p', { class: 'muted' }, '尚未设定绩效目标。'));

    const reversed = new Map<string, StoredEvent>();
    for (const event of d.events) if (event.type === 'PaymentReversed' && (knownAt === null || event.recordedAt <= knownAt)) reversed.set(event.data.paymentId, event);
    mount(history, h('table', { class: 'history', 'data-testid': 'event-history' },
      h('caption', null, '事件记录（只增不改；灰色为所选视图中不计入的记录）'),
      h('thead', null, h('tr', null, ['#', '登记时间', '业务日期', '事件', '内容', '录入人', '来源'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, d.events.map((event) => {
        const notYetKnown = knownAt !== null && event.recordedAt > knownAt;
        const afterAsOf = Boolean(event.data.occurredOn && event.data.occurredOn > asOf);
        return h('tr', { class: `${event.type === 'PaymentReversed' ? 'reversal-row ' : ''}${notYetKnown || afterAsOf ? 'outside-view' : ''}`, 'data-event': event.type },
          h('td', { class: 'num' }, event.revision),
          h('td', null, localTime(event.recordedAt)),
          h('td', null, event.data.occurredOn ?? '—'),
          h('td', null, EVENT_LABEL[event.type] ?? event.type),
          h('td', null, ...describe(event, reversed), notYetKnown ? h('span', { class: 'tag' }, '所选时刻尚未登记') : afterAsOf ? h('span', { class: 'tag' }, '晚于截至日期') : ''),
          h('td', null, event.metadata?.actor ?? '—'),
          h('td', null, sourceLabel(event.metadata?.source)),
        );
      })),
    ));
  };

  const p = data.progress;
  const department = p.department;
  mount(root,
    h('p', { class: 'crumbs' }, h('a', { href: href([], { year: p.fiscalYear }) }, '部门总览'), ' / ', h('a', { href: href(['departments', department.code], { year: p.fiscalYear, asOf: params.asOf, knownAt: params.knownAt }) }, department.name || department.code), ' / ', p.name),
    h('div', { class: 'page-head' }, h('h1', null, p.name), h('p', { class: 'muted' }, `${KIND_LABEL[p.kind] ?? p.kind} · ${p.projectId} · ${p.fiscalYear} 年度 · 截至 ${p.asOf}${p.knownAt ? `，按 ${localTime(p.knownAt)} 时已登记的记录` : ''}`)),
    timeBar(route),
    kpis,
    h('div', { class: 'charts' }, executionChart, arrivalChart),
    h('section', { class: 'panel' }, h('h2', null, '绩效指标'), indicators),
    projectEvaluationPanel(p.projectId, p.name, route.params.get('profile') ?? data.curve.profile.name, params),
    h('section', { class: 'panel' }, h('h2', null, '事件记录'), h('div', { class: 'table-wrap' }, history)),
    params.knownAt ? h('p', { class: 'muted', 'data-testid': 'past-view' }, '当前为历史视图（按当时登记）：只读，重置为最新后可录入。') : null,
    canWrite(department.code) && !params.knownAt
      ? entryPanel({
          departmentCode: department.code,
          fiscalYear: p.fiscalYear,
          projects: data.siblings.length ? data.siblings : [{ projectId: p.projectId, name: p.name }],
          fixedProject: p.projectId,
          defaultDate: route.params.get('asOf') ?? p.asOf,
          onDone: async () => {
            data = await load(projectId, route);
            renderData(data);
          },
        })
      : null,
  );
  renderData(data);
}
