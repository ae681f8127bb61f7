import type { EvaluationReport } from '../model/report';
import { renderFiledDocument } from './filed';
import type { RenderFormat, Rendered } from './formats';
import { departmentDocument } from './report/department-document';

export { RENDER_CONTENT_TYPES, RENDER_FORMATS, type RenderFormat, type Rendered } from './formats';

/** The department's year-end report in any format; `json` is the report itself (the `bem evaluate --json` document). */
export async function renderReport(report: EvaluationReport, format: RenderFormat): Promise<Rendered> {
  return renderFiledDocument(departmentDocument(report), format, () => report);
}
