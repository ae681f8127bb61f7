/**
 * 绩效自评 at scale: a 200-project department (issuance, adjustment, 12 payments and 3 indicators each)
 * evaluated and rendered to DOCX + XLSX. Goal < 2 s for the rendering. Run: npx tsx bench/evaluation.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { CommandHandler } from '@bem/commands';
import { type LedgerCommand, parseCommand } from '@bem/domain';
import { EvaluationService, renderReport } from '@bem/evaluation';
import { MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection } from '@bem/read-models';

const PROJECTS = 200;
const code = 'bench-dept';

function* ledger(): Generator<Record<string, unknown>> {
  yield { command: 'RegisterDepartment', id: 'b-dept', departmentCode: code, name: '压测医疗保障局' };
  for (let p = 0; p < PROJECTS; p++) {
    const projectId = `b-${p}`;
    yield { command: 'RegisterProject', id: `${projectId}-r`, projectId, departmentCode: code, fiscalYear: 2024, name: `项目${p + 1}`, kind: p < 2 ? 'basic' : 'project', ...(p === 1 ? { basicClass: 'public' } : {}) };
    yield { command: 'IssueBudget', id: `${projectId}-i`, projectId, occurredOn: '2024-01-15', amount: '1200000.00', basis: 'initial', procurementAmount: '100000.00' };
    yield { command: 'AdjustBudget', id: `${projectId}-a`, projectId, occurredOn: '2024-07-01', delta: '-100000.00', kind: 'decrease', reason: '按实际需求调减' };
    for (let m = 1; m <= 12; m++) {
      yield { command: 'RecordPayment', id: `${projectId}-p${m}`, projectId, paymentId: `${projectId}-pay${m}`, occurredOn: `2024-${String(m).padStart(2, '0')}-20`, amount: `${80000 + (p % 7) * 1000}.00`, procurement: m === 3 };
    }
    for (let i = 0; i < 3; i++) {
      const indicatorId = `${projectId}-k${i}`;
      yield { command: 'SetIndicator', id: `${indicatorId}-s`, projectId, indicatorId, level1: ['产出指标', '效益指标', '满意度指标'][i], level2: ['数量指标', '社会效益指标', '满意度指标'][i], name: `指标${i + 1}`, target: ['>=100人', '=100%', '>=90%'][i] };
      yield { command: 'RecordIndicatorActual', id: `${indicatorId}-v`, projectId, indicatorId, occurredOn: '2024-12-31', value: ['98', '100', '93'][i] };
    }
  }
}

async function main() {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store);
  for (const raw of ledger()) {
    const parsed = parseCommand(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await handler.handle(parsed.command as LedgerCommand);
  }
  const progress = new ProgressProjection(store, new MemoryProgressReadModel());
  const service = new EvaluationService(store, progress);
  await service.evaluate(code, 2024, 'national'); // warm-up: projection catch-up, module loading
  const t0 = performance.now();
  const report = await service.evaluate(code, 2024, 'national');
  const t1 = performance.now();
  const docx = await renderReport(report, 'docx');
  const t2 = performance.now();
  const xlsx = await renderReport(report, 'xlsx');
  const t3 = performance.now();
  const render = (t3 - t1) / 1000;
  console.log(`${PROJECTS} projects, ${report.indicators.length} indicators: evaluate ${((t1 - t0) / 1000).toFixed(2)} s, DOCX ${((t2 - t1) / 1000).toFixed(2)} s (${docx.body.length} B), XLSX ${((t3 - t2) / 1000).toFixed(2)} s (${xlsx.body.length} B); DOCX + XLSX ${render.toFixed(2)} s (goal < 2 s) ${render < 2 ? 'OK' : 'SLOW'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
