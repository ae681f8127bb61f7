import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError } from '@bem/domain';
import { DEFAULT_PROFILE, loadProfileDocument } from '@bem/monitoring';
import { type ScoringProfile, ScoringProfileSchema } from './scoring-profile';

/** Scoring profiles shipped with the product: libs/evaluation/profiles/<name>.json (same names as the monitoring ones). */
export const SCORING_PROFILES_DIR = resolve(__dirname, '../../profiles');

const dirsOf = (env: NodeJS.ProcessEnv) => [...(env.BEM_SCORING_PROFILES_DIR ?? '').split(/[:;]/).filter((dir) => dir.trim() !== ''), SCORING_PROFILES_DIR];

export function availableScoringProfiles(dirs: string[] = dirsOf(process.env)): string[] {
  const names = new Set<string>();
  for (const dir of dirs) if (existsSync(dir)) for (const file of readdirSync(dir)) if (file.endsWith('.json')) names.add(file.slice(0, -5));
  return [...names].sort();
}

const unknown = (name: string, dirs: string[]) =>
  new DomainError('UNKNOWN_PROFILE', 'profile', `未知的评价方案 "${name}"，可用：${availableScoringProfiles(dirs).join('、')}`, `unknown profile "${name}"; available: ${availableScoringProfiles(dirs).join(', ')}`, { profile: name });

const invalid = (file: string, problems: string) =>
  new DomainError('INVALID_PROFILE', 'profile', `评分方案文件 ${file} 无效：${problems}`, `scoring profile ${file} is invalid: ${problems}`, { file });

export function parseScoringProfile(document: unknown, file = '<profile>'): ScoringProfile {
  const parsed = ScoringProfileSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw invalid(file, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
}

/** Loads and validates (zod) the named scoring profile. */
export function loadScoringProfile(name: string = DEFAULT_PROFILE, dirs: string[] = dirsOf(process.env)): ScoringProfile {
  return loadProfileDocument(name, dirs, parseScoringProfile, { unknown: () => unknown(name, dirs), invalid });
}
