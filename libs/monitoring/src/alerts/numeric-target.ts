import type Decimal from 'decimal.js';
import { Money } from '@bem/domain';

/** A higher-is-better numeric target ("≥950人", ">14804万元", "=3次", "100%"); lower-is-better, ranges and text are not. */
export interface NumericTarget {
  value: Decimal;
  unit: string;
}

const TARGET = /^\s*(≥|>=|>|＞|=|＝)?\s*(\d+(?:\.\d+)?)\s*([^\d\s].*)?$/;
const VALUE = /^\s*(\d+(?:\.\d+)?)\s*(.*)$/;

export function parseNumericTarget(text: string): NumericTarget | null {
  const match = TARGET.exec(text);
  if (!match) return null;
  const unit = (match[3] ?? '').trim();
  if (/前|后|以内|少于|低于|-|~/.test(unit)) return null;
  return { value: new Money(match[2]), unit };
}

/** An actual in the target's unit ("950", "950人", "98%"); null when it is not a number or in another unit. */
export function parseActual(text: string, unit: string): Decimal | null {
  const match = VALUE.exec(text);
  if (!match) return null;
  const actualUnit = match[2].trim();
  if (actualUnit !== '' && unit !== '' && actualUnit !== unit) return null;
  return new Money(match[1]);
}
