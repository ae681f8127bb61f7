import type { AlertRuleName } from '../profiles/profile-schema';
import type { StoredFinding } from './alert-events';
import type { Severity } from './rule-context';

/**
 * A finding packed as a checkpoint's batch stores it: [its shape, its severity, its figures' values], the shape
 * (`AlertsRaisedData.findingShapes`) naming the rule and the figures' keys once per batch, as a table's header does.
 * A season's 92,050 findings stored as objects repeated every key of every figure: about half of the batches' bytes.
 */
export type PackedFinding = [shape: number, severity: Severity, ...values: (string | null)[]];

export interface FindingShape {
  rule: AlertRuleName;
  keys: string[];
}

/** Packs findings against the shapes seen so far: a finding whose figures have other keys (or another order) adds a shape. */
export class FindingPacker {
  readonly shapes: FindingShape[] = [];
  private readonly byRule = new Map<AlertRuleName, number[]>();

  pack({ rule, severity, figures }: Pick<StoredFinding, 'rule' | 'severity' | 'figures'>): PackedFinding {
    const candidates = this.byRule.get(rule) ?? [];
    for (const shape of candidates) {
      const packed = packedIn(shape, this.shapes[shape].keys, severity, figures);
      if (packed) return packed;
    }
    const shape = this.shapes.push({ rule, keys: Object.keys(figures) }) - 1;
    this.byRule.set(rule, [...candidates, shape]);
    return packedIn(shape, this.shapes[shape].keys, severity, figures)!;
  }
}

/** The finding packed in a shape, or null when its figures' keys are not the shape's (in order). */
function packedIn(shape: number, keys: readonly string[], severity: Severity, figures: StoredFinding['figures']): PackedFinding | null {
  const packed: PackedFinding = [shape, severity];
  let i = 0;
  for (const key in figures) {
    if (key !== keys[i]) return null;
    packed.push(figures[key]);
    i += 1;
  }
  return i === keys.length ? packed : null;
}

/** A packed finding's figures, by its shape's keys. */
export function unpackedFigures(keys: readonly string[], packed: PackedFinding): StoredFinding['figures'] {
  const figures: StoredFinding['figures'] = {};
  for (let i = 0; i < keys.length; i++) figures[keys[i]] = packed[i + 2] as string | null;
  return figures;
}
