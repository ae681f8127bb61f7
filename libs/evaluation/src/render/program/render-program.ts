import type { EventStore } from '@bem/event-store';
import { profileAssignment } from '@bem/monitoring';
import type { ProgramView } from '@bem/regions';
import { displayUnitOf } from '../../forms/project-forms-service';
import { loadScoringProfile } from '../../profiles/load-scoring-profile';
import type { ScoringProfile } from '../../profiles/scoring-profile';
import { renderFiledDocument } from '../filed';
import type { DisplayUnit } from '../filed-document';
import type { RenderFormat, Rendered } from '../formats';
import { programDocument } from './program-outline';

/**
 * The program table as `bem program --json` and GET …/programs/{program} answer it: the program view, the profile it
 * was read under, and its score. A transfer table is scored only when its profile scores it (issue 15.4); no shipped
 * profile does (seed 002's three tables print no 自评得分), so `totalScore` and `grade` stay null and the forms print none.
 */
export interface ProgramTable extends ProgramView {
  profile: string;
  totalScore: null;
  grade: null;
}

export const programTable = (view: ProgramView, profile: ScoringProfile): ProgramTable => ({ ...view, profile: profile.name, totalScore: null, grade: null });

/** The named profile, else the one assigned to the region root's year (AssignProfile), else the office default. */
export async function programProfile(store: EventStore, view: ProgramView, name?: string): Promise<ScoringProfile> {
  return loadScoringProfile(name ?? (await profileAssignment(store, view.department.code, view.fiscalYear)).evaluation);
}

/** The 转移支付区域绩效目标自评表 (`bem program`, GET …/programs/{program}) in any format; `json` is the program table. */
export async function renderProgram(table: ProgramTable, format: RenderFormat, display?: DisplayUnit): Promise<Rendered> {
  return renderFiledDocument(programDocument(table, display), format, () => table);
}

/** The display unit of a program table: its profile's, else 万元 with 2 decimals. */
export const programDisplay = (profile: ScoringProfile, override?: Partial<DisplayUnit>): DisplayUnit => displayUnitOf(profile, override);
