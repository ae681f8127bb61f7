import { joinedSentences } from './alert-sentences';
import type { AlertDraft, Severity } from './rule-context';

/** One rule a card's subject breaks, with its figures and sentence. */
export interface RuleFinding {
  rule: AlertDraft['rule'];
  severity: Severity;
  figures: AlertDraft['figures'];
  message: { zh: string; en: string };
}

export const findingOf = (draft: AlertDraft): RuleFinding => ({ rule: draft.rule, severity: draft.severity, figures: draft.figures, message: { zh: draft.zh, en: draft.en } });

/**
 * One card per subject (project, or the department) and checkpoint: every rule it breaks there, red first. The
 * card's own rule, severity and figures are its first finding's (the contract fields); `rules` lists them all.
 */
export function cardsOf(drafts: readonly AlertDraft[]): AlertDraft[] {
  return cardFindings(drafts).map((ordered) => {
    const [first] = ordered;
    const rules = ordered.map(findingOf);
    return { ...first, card: true, rules, ...joinedSentences(rules.map((finding) => finding.message)) };
  });
}

/** The drafts of each card (one per subject and checkpoint), red first, in the order the subjects first appear. */
export function cardFindings(drafts: readonly AlertDraft[]): AlertDraft[][] {
  const cards: AlertDraft[][] = [];
  const byCheckpoint = new Map<string, Map<string | null, AlertDraft[]>>();
  for (const draft of drafts) {
    let subjects = byCheckpoint.get(draft.checkpoint);
    if (!subjects) byCheckpoint.set(draft.checkpoint, (subjects = new Map()));
    const card = subjects.get(draft.projectId);
    if (card) card.push(draft);
    else {
      const first = [draft];
      subjects.set(draft.projectId, first);
      cards.push(first);
    }
  }
  // Stable: within a severity the rules keep their order
  for (const card of cards) if (card.length > 1) card.sort((a, b) => Number(b.severity === 'red') - Number(a.severity === 'red'));
  return cards;
}

const findingKey = (finding: Pick<RuleFinding, 'rule' | 'severity' | 'figures'>) => `${finding.rule}|${finding.severity}|${JSON.stringify(finding.figures)}`;

/** Did a card's findings change (another rule, another severity or other figures)? */
export const sameFindings = (a: readonly Pick<RuleFinding, 'rule' | 'severity' | 'figures'>[], b: readonly Pick<RuleFinding, 'rule' | 'severity' | 'figures'>[]): boolean =>
  a.length === b.length && a.every((finding, i) => findingKey(finding) === findingKey(b[i]));
