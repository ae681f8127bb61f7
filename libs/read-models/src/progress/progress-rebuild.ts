import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { EventStore } from '@bem/event-store';
import { MemoryProgressReadModel } from './memory-progress-read-model';
import { ProgressProjection } from './progress-projection';
import type { ProgressReadModel } from './progress-read-model';
import { type ProgressReadModelHandle, openReadModelDatabase } from './progress-read-model-store';
import { PROGRESS_TABLES as TABLES, SqliteProgressReadModel } from './sqlite-progress-read-model';


export interface ParityMismatch {
  departmentCode: string;
  fiscalYear: number;
  live: unknown;
  rebuilt: unknown;
}

export interface RebuildReport {
  projection: 'progress';
  /** Events read to build the new model from position 0. */
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Position both models were compared at. */
  position: number;
  parity: { ok: boolean; departmentYears: number; mismatches: ParityMismatch[] };
  /** True when the rebuilt model replaced the live one. */
  switched: boolean;
  /** Where the new model was built (kept there when it was not switched in). */
  builtIn: string;
}

export interface RebuildOptions {
  /** Switch even when figures differ (a projection whose new version changes them on purpose). */
  force?: boolean;
  onProgress?: (position: number) => void;
}

/**
 * Rebuild without downtime (the live model keeps serving): build a new progress read model beside the
 * live one from position 0, bring both to the same position, compare the figures of every
 * department-year, and only then switch — in one transaction that replaces the live tables and
 * checkpoint, so readers (other processes too) see the old model or the new one, never a mix.
 * The copy holds the file's write lock: appends to a store sharing the file wait for it (seconds for
 * a 1M-event model, within busy_timeout for moderate ones; see docs/deployment.md).
 */
export async function rebuildProgressReadModel(store: EventStore, live: ProgressReadModelHandle, options: RebuildOptions = {}): Promise<RebuildReport> {
  const side = openSide(live);
  try {
    const started = process.hrtime.bigint();
    const events = await new ProgressProjection(store, side.model).catchUp(options.onProgress);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const position = await alignPositions(store, live.model, side.model);
    const parity = await compare(store, position, live.model, side.model);
    const switched = (parity.ok || Boolean(options.force)) && switchIn(live, side);
    return {
      projection: 'progress',
      events,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events,
      position,
      parity,
      switched,
      builtIn: switched ? live.location : side.location,
    };
  } finally {
    side.close();
  }
}

interface Side {
  model: ProgressReadModel;
  db: Database.Database | null;
  location: string;
  close(): void;
}

/** A fresh model of the same kind as the live one, in its own sqlite file for a sqlite live model. */
function openSide(live: ProgressReadModelHandle): Side {
  if (!live.db) return { model: new MemoryProgressReadModel(), db: null, location: 'memory', close: () => undefined };
  const liveFile = live.db.name;
  const dir = liveFile && liveFile !== ':memory:' && existsSync(liveFile) ? null : mkdtempSync(join(tmpdir(), 'bem-rebuild-'));
  const path = dir ? join(dir, 'progress.sqlite') : `${liveFile}.rebuild-${process.pid}-${Date.now()}.sqlite`;
  const db = openReadModelDatabase(path);
  return {
    model: new SqliteProgressReadModel(db),
    db,
    location: path,
    close: () => {
      if (db.open) db.close();
      // A side file beside the live one stays when it was not switched in (for inspection); a temporary one goes.
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Catches both models up until they stand at the same position (appends may go on meanwhile). */
async function alignPositions(store: EventStore, live: ProgressReadModel, side: ProgressReadModel): Promise<number> {
  for (;;) {
    await new ProgressProjection(store, live).catchUp();
    await new ProgressProjection(store, side).catchUp();
    if (live.position() === side.position()) return live.position();
  }
}

/** The department-year figures of both models, read at `position` (new appends are not looked at). */
async function compare(store: EventStore, position: number, live: ProgressReadModel, side: ProgressReadModel): Promise<RebuildReport['parity']> {
  const frozen = frozenAt(store, position);
  const views = [new ProgressProjection(frozen, live), new ProgressProjection(frozen, side)];
  const keys = new Map<string, { departmentCode: string; fiscalYear: number }>();
  for (const model of [live, side]) {
    for (const row of model.departmentYears()) keys.set(`${row.departmentCode}/${row.fiscalYear}`, row);
  }
  const mismatches: ParityMismatch[] = [];
  for (const { departmentCode, fiscalYear } of keys.values()) {
    const request = { asOf: `${fiscalYear}-12-31` };
    const [a, b] = await Promise.all(views.map((view) => view.department(departmentCode, fiscalYear, request).catch((error: Error) => ({ error: error.message }))));
    if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push({ departmentCode, fiscalYear, live: a, rebuilt: b });
  }
  return { ok: mismatches.length === 0, departmentYears: keys.size, mismatches };
}

/** The store as it stood at `position`: the projections' catch-up reads nothing beyond it. */
function frozenAt(store: EventStore, position: number): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return async (options: Parameters<EventStore['readAll']>[0] = {}) =>
          (await target.readAll(options)).filter((event) => event.position <= position);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** Replaces the live tables and checkpoint with the side's, in one transaction. Memory models cannot be switched from outside their process. */
function switchIn(live: ProgressReadModelHandle, side: Side): boolean {
  if (!live.db || !side.db) return false;
  const db = live.db;
  side.db.pragma('wal_checkpoint(TRUNCATE)');
  db.prepare('ATTACH DATABASE ? AS rebuilt').run(side.location);
  try {
    db.transaction(() => {
      for (const table of [...TABLES].reverse()) db.exec(`DELETE FROM main.${table}`);
      for (const table of TABLES) db.exec(`INSERT INTO main.${table} SELECT * FROM rebuilt.${table}`);
      db.prepare('INSERT OR REPLACE INTO main.rm_checkpoints (name, position) SELECT name, position FROM rebuilt.rm_checkpoints').run();
    }).immediate();
  } finally {
    db.exec('DETACH DATABASE rebuilt');
  }
  side.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${side.location}${suffix}`, { force: true });
  return true;
}
