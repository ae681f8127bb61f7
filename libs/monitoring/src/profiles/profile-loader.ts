import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '@bem/domain';
import { type Profile, ProfileSchema } from './profile-schema';

export const DEFAULT_PROFILE = 'national';
/** The profiles shipped with the product (JSON data, no code). */
export const BUILTIN_PROFILES_DIR = resolve(__dirname, '../../profiles');

/** Where profiles are looked up: the office's own folder ($BEM_PROFILES_DIR) first, then the shipped ones. */
export function profileDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.BEM_PROFILES_DIR ?? '').split(/[:;]/).filter((dir) => dir.trim() !== '');
  return [...extra, BUILTIN_PROFILES_DIR];
}

const profileFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')).sort() : [];

/** Names of every profile found, without duplicates. */
export function availableProfiles(dirs: string[] = profileDirs()): string[] {
  const names = new Set<string>();
  for (const dir of dirs) for (const file of profileFiles(dir)) names.add(file.slice(0, -'.json'.length));
  return [...names].sort();
}

export const unknownProfile = (name: string, available: string[]) =>
  new DomainError(
    'UNKNOWN_PROFILE',
    'profile',
    `未知的评价方案 "${name}"，可用：${available.join('、')}`,
    `unknown profile "${name}"; available: ${available.join(', ')}`,
    { profile: name, available: available.join(',') },
  );

export const invalidProfile = (file: string, problems: string) =>
  new DomainError('INVALID_PROFILE', 'profile', `评价方案文件 ${file} 无效：${problems}`, `profile file ${file} is invalid: ${problems}`, { file });

/** Parses and validates one profile document (zod); the file name must match the profile's name. */
export function parseProfile(document: unknown, file = '<profile>'): Profile {
  const parsed = ProfileSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw invalidProfile(file, problems);
  }
  return parsed.data;
}

/**
 * Finds `<name>.json` in the first folder that has it and validates it with `parse` (zod); its `name` must match the
 * file name. Shared by every kind of profile (monitoring here, scoring in libs/evaluation).
 */
export function loadProfileDocument<T extends { name: string }>(
  name: string,
  dirs: string[],
  parse: (document: unknown, file: string) => T,
  errors: { unknown: () => Error; invalid: (file: string, problems: string) => Error },
): T {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw errors.unknown();
  for (const dir of dirs) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) continue;
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw errors.invalid(file, (error as Error).message);
    }
    const profile = parse(document, file);
    if (profile.name !== name) throw errors.invalid(file, `name "${profile.name}" ≠ file name "${name}"`);
    return profile;
  }
  throw errors.unknown();
}

/** Loads the named profile from the first folder that has it. */
export function loadProfile(name: string = DEFAULT_PROFILE, dirs: string[] = profileDirs()): Profile {
  return loadProfileDocument(name, dirs, parseProfile, { unknown: () => unknownProfile(name, availableProfiles(dirs)), invalid: invalidProfile });
}

/** The office's own profile: the first of BEM_PROFILES (the ones its jobs run), else the default. */
export function officeProfile(env: NodeJS.ProcessEnv = process.env): Profile {
  const first = (env.BEM_PROFILES ?? '').split(',')[0]?.trim();
  return loadProfile(first || DEFAULT_PROFILE);
}
