import { departmentStream, projectStream, unknownDepartment, unknownProject } from '@bem/domain';
import type { EventStore } from '@bem/event-store';

/**
 * A read command names what it reads: `--department` and `--project` must be registered, or the command exits 1
 * naming them (architecture §10). An empty answer ("alerts (0)") for a mistyped code would read as "all is well".
 */
export async function requireNamedRecords(store: EventStore, options: Record<string, unknown>): Promise<void> {
  if (typeof options.department === 'string' && !(await hasEvents(store, departmentStream(options.department)))) {
    throw unknownDepartment(options.department);
  }
  if (typeof options.project === 'string' && !(await hasEvents(store, projectStream(options.project)))) {
    throw unknownProject(options.project);
  }
}

const hasEvents = async (store: EventStore, stream: string): Promise<boolean> => (await store.streamRevision(stream)) >= 0;
