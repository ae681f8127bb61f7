import type { z } from 'zod';
import { invalidInput } from './problems';

/** Validates a query string (or any plain input) with a zod schema; 400 with every issue otherwise. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(
    result.error.issues.map((issue) => ({ field: issue.path.length ? issue.path.join('.') : '(query)', message: issue.message })),
  );
}
