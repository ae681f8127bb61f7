import { type DomainEvent, DomainError, departmentStream, lastDayOfYear, parseDomainEvents, projectStream } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import { recordedBy } from '../model/known-at';
import { type ProjectFigures, projectFigures } from '../model/project-figures';

type Recorded<K extends 'IndicatorScoreRecorded' | 'ProjectTextSet' | 'MonitoringAssessmentRecorded'> = Extract<DomainEvent, { type: K }> & Omit<RecordedEvent, 'type' | 'data'>;

/** One project's year as its forms read it: the money and indicators (as of a date) and what the office wrote. */
export interface ProjectYear {
  figures: ProjectFigures;
  departmentCode: string;
  departmentName: string;
  /** the latest text per section (goal 预期目标, outcome 实际完成情况, problems, measures) */
  texts: Map<string, Recorded<'ProjectTextSet'>>;
  /** the office's latest score per indicatorId or form row (item) */
  officeScores: Map<string, Recorded<'IndicatorScoreRecorded'>>;
  /** monitoring assessments in the order recorded */
  assessments: Recorded<'MonitoringAssessmentRecorded'>[];
}

export const unknownProjectRead = (projectId: string) =>
  new DomainError('UNKNOWN_PROJECT', 'projectId', `项目 ${projectId} 不存在`, `project ${projectId} does not exist`, { projectId });

/**
 * Reads a project's stream (and its department's name); facts dated after asOf (default 12-31) and events recorded
 * after knownAt (default: none) are left out.
 */
export async function readProjectYear(store: EventStore, projectId: string, asOf?: string, knownAt?: string): Promise<ProjectYear> {
  const stored = recordedBy(await store.readStream(projectStream(projectId)), knownAt);
  const events = parseDomainEvents(stored);
  const registered = events.find((event) => event.type === 'ProjectRegistered');
  if (!registered) throw unknownProjectRead(projectId);
  const info = registered.data;
  const figures = projectFigures(stored, asOf ?? lastDayOfYear(info.fiscalYear));
  if (!figures) throw unknownProjectRead(projectId);
  const department = parseDomainEvents(await store.readStream(departmentStream(info.departmentCode))).find((event) => event.type === 'DepartmentRegistered');
  const year: ProjectYear = {
    figures, departmentCode: info.departmentCode,
    departmentName: department?.data.name ?? info.departmentCode,
    texts: new Map(), officeScores: new Map(), assessments: [],
  };
  for (const event of events) {
    if (event.type === 'ProjectTextSet') year.texts.set(event.data.section, event);
    else if (event.type === 'IndicatorScoreRecorded') year.officeScores.set(event.data.indicatorId ?? event.data.item ?? '', event);
    else if (event.type === 'MonitoringAssessmentRecorded') year.assessments.push(event);
  }
  return year;
}
