import { z } from 'zod';
import { fiscalYear, isoDate, isoInstant } from '@bem/domain';

/** Query schemas of the dashboard's read routes (the contract routes keep theirs in http/schemas.ts). */
const year = z
  .string()
  .regex(/^\d{4}$/, { message: '预算年度须为四位数字 / year must be 4 digits, e.g. 2020' })
  .transform(Number)
  .pipe(fiscalYear);

const view = {
  asOf: isoDate.optional(),
  knownAt: isoInstant.optional(),
  profile: z.string().min(1).max(100).optional(),
};

export const DepartmentsQuery = z.object({ year: year.optional(), ...view });
export const DepartmentCurveQuery = z.object({
  year,
  ...view,
  perProject: z.enum(['true', 'false']).optional(),
});
export const ProjectCurveQuery = z.object(view);
export const SourcesQuery = z.object({ year, asOf: isoDate.optional(), knownAt: isoInstant.optional() });
export const AssignmentQuery = z.object({ year });
