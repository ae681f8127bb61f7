import { checkpointsOf } from '../profiles/checkpoint-lines';
import type { Profile } from '../profiles/profile-schema';
import { type AlertRaisedData, addDays, alertRaised } from './alert-events';
import { cardsOf } from './alert-cards';
import { runRules } from './alert-rules';
import type { ProjectFacts } from './project-snapshot';
import { ruleContext } from './rule-context';

export interface BacktestAlert extends AlertRaisedData {
  /** When the scheduled job would have raised it: the day after the checkpoint (jobs run once the day ends) */
  wouldRaiseOn: string;
}

export interface BacktestResult {
  profile: string;
  departmentCode: string;
  fiscalYear: number;
  checkpoints: string[];
  alerts: BacktestAlert[];
}

/** Replays a year through the profile's rules at each checkpoint, as of that date; pure, appends nothing. */
export function backtest(profile: Profile, departmentCode: string, fiscalYear: number, projects: readonly ProjectFacts[]): BacktestResult {
  const lines = checkpointsOf(profile, fiscalYear);
  const seen = new Set<string>();
  const alerts: BacktestAlert[] = [];
  for (const checkpoint of lines) {
    const wouldRaiseOn = addDays(checkpoint.date, 1, 'calendar');
    for (const draft of cardsOf(runRules(ruleContext(profile, departmentCode, fiscalYear, checkpoint, projects)))) {
      const alert = alertRaised(profile, departmentCode, fiscalYear, draft, wouldRaiseOn);
      if (seen.has(alert.alertId)) continue;
      seen.add(alert.alertId);
      alerts.push({ ...alert, wouldRaiseOn });
    }
  }
  return { profile: profile.name, departmentCode, fiscalYear, checkpoints: lines.map((line) => line.date), alerts };
}
