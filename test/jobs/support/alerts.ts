import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import type { EventStore } from '@bem/event-store';
import { type AlertRaisedData, MONITORING_NAMESPACE } from '@bem/monitoring';

export const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'bem-jobs-')), name);

/** A synthetic red alert number n (for volume tests). */
export function syntheticAlert(n: number, departmentCode = 'load-test'): AlertRaisedData {
  return {
    alertId: uuidv5(`synthetic/${departmentCode}/${n}`, MONITORING_NAMESPACE),
    profile: 'national', departmentCode, fiscalYear: 2020, rule: 'behindSchedule', severity: 'red',
    projectId: `p-${n}`, checkpoint: '2020-06-30',
    figures: { budget: '1000.00', paid: '100.00', progress: '10.00', target: '50.00', alertLine: '40.00', status: 'red' },
    message: { zh: `项目 p-${n} 执行进度 10.00% 低于预警线 40.00%`, en: `project p-${n}: execution 10.00% below the alert line 40.00%` },
    responsible: departmentCode, raisedOn: '2020-07-01', deadline: '2020-07-15',
  };
}

/** Appends synthetic AlertRaised events to one monitoring stream, in batches, with the expected revision. */
export async function appendAlerts(store: EventStore, from: number, count: number, departmentCode = 'load-test'): Promise<string[]> {
  const stream = `monitoring-${departmentCode}-2020`;
  const ids: string[] = [];
  for (let start = from; start < from + count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, from + count - start) }, (_, i) => syntheticAlert(start + i, departmentCode));
    const revision = await store.streamRevision(stream);
    await store.append(stream, batch.map((data) => ({ id: data.alertId, type: 'AlertRaised', data })), { expectedRevision: revision === -1 ? 'no_stream' : revision });
    ids.push(...batch.map((data) => data.alertId));
  }
  return ids;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
