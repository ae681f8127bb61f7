import { type EventData, DomainError, departmentStream, lastDayOfYear, projectStream } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import { type ProjectFigures, projectFigures } from '../model/project-figures';

type Recorded<K extends 'IndicatorScoreRecorded' | 'ProjectTextSet' | 'MonitoringAssessmentRecorded'> = RecordedEvent & { data: EventData<K> };

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

/** Reads a project's stream (and its department's name); facts dated after asOf (default 12-31) are left out. */
export async function readProjectYear(store: EventStore, projectId: string, asOf?: string): Promise<ProjectYear> {
  const events = await store.readStream(projectStream(projectId));
  const registered = events.find((event) => event.type === 'ProjectRegistered');
  if (!registered) throw unknownProjectRead(projectId);
  const info = registered.data as EventData<'ProjectRegistered'>;
  const figures = projectFigures(events, asOf ?? lastDayOfYear(info.fiscalYear));
  if (!figures) throw unknownProjectRead(projectId);
  const department = (await store.readStream(departmentStream(info.departmentCode))).find((event) => event.type === 'DepartmentRegistered');
  const year: ProjectYear = {
    figures, departmentCode: info.departmentCode,
    departmentName: department ? (department.data as EventData<'DepartmentRegistered'>).name : info.departmentCode,
    texts: new Map(), officeScores: new Map(), assessments: [],
  };
  for (const event of events) {
    if (event.type === 'ProjectTextSet') year.texts.set((event.data as EventData<'ProjectTextSet'>).section, event as Recorded<'ProjectTextSet'>);
    else if (event.type === 'IndicatorScoreRecorded') {
      const data = event.data as EventData<'IndicatorScoreRecorded'>;
      year.officeScores.set(data.indicatorId ?? data.item ?? '', event as Recorded<'IndicatorScoreRecorded'>);
    } else if (event.type === 'MonitoringAssessmentRecorded') year.assessments.push(event as Recorded<'MonitoringAssessmentRecorded'>);
  }
  return year;
}
