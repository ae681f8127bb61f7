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
  const bySubject = new Map<string, AlertDraft[]>();
  for (const draft of drafts) {
    const key = `${draft.projectId ?? '*'}/${draft.checkpoint}`;
    const list = bySubject.get(key);
    if (list) list.push(draft);
    else bySubject.set(key, [draft]);
  }
  return [...bySubject.values()].map((list) => (list.length === 1 ? list : [...list].sort((a, b) => Number(b.severity === 'red') - Number(a.severity === 'red'))));
}

const findingKey = (finding: Pick<RuleFinding, 'rule' | 'severity' | 'figures'>) => `${finding.rule}|${finding.severity}|${JSON.stringify(finding.figures)}`;

/** Did a card's findings change (another rule, another severity or other figures)? */
export const sameFindings = (a: readonly Pick<RuleFinding, 'rule' | 'severity' | 'figures'>[], b: readonly Pick<RuleFinding, 'rule' | 'severity' | 'figures'>[]): boolean =>
  a.length === b.length && a.every((finding, i) => findingKey(finding) === findingKey(b[i]));
