import { DomainError, type EventData, departmentStream, lastDayOfYear, parseDomainEvents, projectStream, replacesActual } from '@bem/domain';
import type { EventStore, RecordedEvent } from '@bem/event-store';
import type { ProgressProjection } from '@bem/read-models';
import { type EvaluationView, recordedBy } from './known-at';
import { passedDownWhole } from './passed-down';
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
  /** 基础数据表 备注 by row (SetDepartmentText with a row) */
  remarks: Map<string, Recorded<'DepartmentTextSet'>>;
  manualScores: Recorded<'ManualScoreRecorded'>[];
  assessments: Recorded<'QualitativeAssessmentRecorded'>[];
  stated: Recorded<'StatedFigureRecorded'>[];
}

async function projectsOf(store: EventStore, progress: ProgressProjection, code: string, year: number, view: EvaluationView): Promise<ProjectFigures[]> {
  const asOf = view.asOf && view.asOf < lastDayOfYear(year) ? view.asOf : lastDayOfYear(year);
  const listed = await progress.department(code, year, { asOf, knownAt: view.knownAt });
  const figures = await Promise.all(
    listed.projects.map(async (project) => {
      const events = recordedBy(await store.readStream(projectStream(project.projectId)), view.knownAt);
      return passedDownWhole(events, project) ? null : projectFigures(events, asOf);
    }),
  );
  return figures.filter((figure): figure is ProjectFigures => figure !== null);
}

/** The department-year as read under `view`: only the events recorded by knownAt, the facts dated by asOf. */
export async function readDepartmentYear(store: EventStore, progress: ProgressProjection, code: string, year: number, view: EvaluationView = {}): Promise<DepartmentYear> {
  const projects = await projectsOf(store, progress, code, year, view);
  const priorProjects = await projectsOf(store, progress, code, year - 1, { knownAt: view.knownAt });
  const events = recordedBy(await store.readStream(departmentStream(code)), view.knownAt);
  const result: DepartmentYear = {
    code, name: code, fiscalYear: year, projects, priorProjects, departmentIndicators: [],
    texts: new Map(), remarks: new Map(), manualScores: [], assessments: [], stated: [],
  };
  const indicators = new Map<string, IndicatorFacts>();
  let registered = false;
  for (const event of parseDomainEvents(events)) {
    if (event.type === 'DepartmentRegistered') {
      result.name = event.data.name;
      registered = true;
    }
    if (!('fiscalYear' in event.data) || event.data.fiscalYear !== year) continue;
    switch (event.type) {
      case 'IndicatorSet':
        indicators.set(event.data.indicatorId, { indicatorId: event.data.indicatorId, projectId: null, set: event, actual: null });
        break;
      case 'IndicatorActualRecorded': {
        // One rule for the latest actual (the value dated latest wins), as for project indicators.
        const facts = indicators.get(event.data.indicatorId);
        if (facts && (facts.actual === null || replacesActual({ actualOn: facts.actual.data.occurredOn }, event.data))) facts.actual = event;
        break;
      }
      case 'DepartmentTextSet':
        if (event.data.row) result.remarks.set(event.data.row, event);
        else result.texts.set(event.data.section, event);
        break;
      case 'ManualScoreRecorded':
        result.manualScores.push(event);
        break;
      case 'QualitativeAssessmentRecorded':
        result.assessments.push(event);
        break;
      case 'StatedFigureRecorded':
        result.stated.push(event);
        break;
      default:
    }
  }
  result.departmentIndicators = [...indicators.values()];
  // As known before the department was registered there is nothing to evaluate: no report of a code and empty figures
  if (view.knownAt && !registered) throw notYetRegistered(code, view.knownAt);
  return result;
}

const notYetRegistered = (code: string, knownAt: string) =>
  new DomainError('UNKNOWN_DEPARTMENT', 'knownAt', `部门 ${code} 在 ${knownAt} 时尚未登记`, `department ${code} was not yet registered as known at ${knownAt}`, { departmentCode: code, knownAt });
