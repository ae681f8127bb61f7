import { type EventData, departmentStream, lastDayOfYear, projectStream } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import type { ProgressProjection } from '@bem/monitoring';
import { type IndicatorFacts, type ProjectFigures, projectFigures } from './project-figures';

type Recorded<K extends 'ManualScoreRecorded' | 'QualitativeAssessmentRecorded' | 'StatedFigureRecorded' | 'DepartmentTextSet'> = RecordedEvent & { data: EventData<K> };

/** Everything the report of one department-year is computed from, read from the log. */
export interface DepartmentYear {
  code: string;
  name: string;
  fiscalYear: number;
  projects: ProjectFigures[];
  /** the year before (上年决算 column), empty when not recorded */
  priorProjects: ProjectFigures[];
  departmentIndicators: IndicatorFacts[];
  texts: Map<string, Recorded<'DepartmentTextSet'>>;
  manualScores: Recorded<'ManualScoreRecorded'>[];
  assessments: Recorded<'QualitativeAssessmentRecorded'>[];
  stated: Recorded<'StatedFigureRecorded'>[];
}

async function projectsOf(store: EventStore, progress: ProgressProjection, code: string, year: number): Promise<ProjectFigures[]> {
  const listed = await progress.department(code, year, { asOf: lastDayOfYear(year) });
  const figures = await Promise.all(listed.projects.map(async (project) => projectFigures(await store.readStream(projectStream(project.projectId)), lastDayOfYear(year))));
  return figures.filter((figure): figure is ProjectFigures => figure !== null);
}

export async function readDepartmentYear(store: EventStore, progress: ProgressProjection, code: string, year: number): Promise<DepartmentYear> {
  const projects = await projectsOf(store, progress, code, year);
  const priorProjects = await projectsOf(store, progress, code, year - 1);
  const events = await store.readStream(departmentStream(code));
  const result: DepartmentYear = {
    code, name: code, fiscalYear: year, projects, priorProjects, departmentIndicators: [],
    texts: new Map(), manualScores: [], assessments: [], stated: [],
  };
  const indicators = new Map<string, IndicatorFacts>();
  for (const event of events) {
    const data = event.data as { fiscalYear?: number; departmentCode?: string };
    if (event.type === 'DepartmentRegistered') result.name = (event.data as EventData<'DepartmentRegistered'>).name;
    if (data.fiscalYear !== year) continue;
    switch (event.type) {
      case 'IndicatorSet': {
        const set = event as IndicatorFacts['set'];
        indicators.set(set.data.indicatorId, { indicatorId: set.data.indicatorId, projectId: null, set, actual: null });
        break;
      }
      case 'IndicatorActualRecorded': {
        const facts = indicators.get((event.data as EventData<'IndicatorActualRecorded'>).indicatorId);
        if (facts) facts.actual = event as NonNullable<IndicatorFacts['actual']>;
        break;
      }
      case 'DepartmentTextSet':
        result.texts.set((event.data as EventData<'DepartmentTextSet'>).section, event as Recorded<'DepartmentTextSet'>);
        break;
      case 'ManualScoreRecorded':
        result.manualScores.push(event as Recorded<'ManualScoreRecorded'>);
        break;
      case 'QualitativeAssessmentRecorded':
        result.assessments.push(event as Recorded<'QualitativeAssessmentRecorded'>);
        break;
      case 'StatedFigureRecorded':
        result.stated.push(event as Recorded<'StatedFigureRecorded'>);
        break;
      default:
    }
  }
  result.departmentIndicators = [...indicators.values()];
  return result;
}
