import { type DomainEvent, departmentStream, parseDomainEvents } from '@bem/domain';
import type { EventStore } from '@bem/event-store';
import { officeProfile } from './profile-loader';

/** The profiles a department-year is monitored and scored under, and whether an admin assigned them. */
export interface ProfileAssignment {
  monitoring: string;
  evaluation: string;
  /** false: no AssignProfile for the year, the office default (first of BEM_PROFILES) holds */
  assigned: boolean;
}

/** Pure: the latest `ProfileAssigned` of the year wins, field by field; the office default fills the rest. */
export function assignmentOf(events: readonly DomainEvent[], fiscalYear: number, fallback: string): ProfileAssignment {
  const result: ProfileAssignment = { monitoring: fallback, evaluation: fallback, assigned: false };
  for (const event of events) {
    if (event.type !== 'ProfileAssigned') continue;
    const data = event.data;
    if (data.fiscalYear !== fiscalYear) continue;
    if (data.monitoring) result.monitoring = data.monitoring;
    if (data.evaluation) result.evaluation = data.evaluation;
    result.assigned = true;
  }
  return result;
}

/** Reads the department's stream for its assignment in `fiscalYear`. */
export async function profileAssignment(store: EventStore, departmentCode: string, fiscalYear: number, fallback = officeProfile().name): Promise<ProfileAssignment> {
  return assignmentOf(parseDomainEvents(await store.readStream(departmentStream(departmentCode))), fiscalYear, fallback);
}
