import type { Me, ProfileList } from './api';

/** What the whole app knows once signed in. */
export const app = {
  me: null as Me | null,
  profiles: null as ProfileList | null,
  /** Incremented on every navigation: a view drops its results when a newer one started. */
  generation: 0,
};

/** The Chinese name of an alert rule, as the server names it (GET /profiles: ruleLabels), never re-derived here. */
export const ruleLabel = (rule: string): string => app.profiles?.ruleLabels?.[rule] ?? rule;

export const inScope = (code: string): boolean => {
  const me = app.me;
  return !!me && (me.departments === '*' || me.departments.includes(code));
};
/** Admins and auditors read every department; clerks and managers those of their scope (as the API decides). */
export const canRead = (code: string): boolean => !!app.me && (app.me.role === 'admin' || app.me.role === 'auditor' || inScope(code));
/** A clerk writes in their own departments; an admin everywhere; managers and auditors never. */
export const canWrite = (code: string): boolean => !!app.me?.may.write && (app.me.role === 'admin' || inScope(code));
/** Managers act on the alerts of their departments; admins on all. */
export const canHandleAlerts = (code: string): boolean => !!app.me?.may.handleAlerts && (app.me.role === 'admin' || inScope(code));

export interface Route {
  path: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

/** `#/a/b?x=1` from segments and params (empty values dropped). */
export function href(path: string[], params: Record<string, string | number | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

export const navigate = (path: string[], params: Record<string, string | number | null | undefined> = {}) => {
  location.hash = href(path, params);
};

/** The bi-temporal view of the current route: as of a business date, as known at an instant. */
export const viewParams = (route: Route) => ({
  asOf: route.params.get('asOf') ?? undefined,
  knownAt: route.params.get('knownAt') ?? undefined,
});
