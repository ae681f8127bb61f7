import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from '@bem/commands';
import { type LedgerCommand, parseCommand } from '@bem/domain';
import { type EventStore, MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection, SqliteProgressReadModel } from '@bem/read-models';
import { type CheckpointLines, checkpointsOf } from '../profiles/checkpoint-lines';
import { loadProfile } from '../profiles/profile-loader';
import { runRules } from '../alerts/alert-rules';
import { contextsFromReadModel, contextsFromStreams } from './checkpoint-contexts';
import { CheckpointService } from './checkpoint-service';
import { storeWithFixture } from './spec-support';

const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_key, field) => (typeof field === 'bigint' ? `${field}n` : field)));

/** The profile's checkpoints and a few other dates (the daily scan evaluates any day). */
function datesOf(profileName: string, year: number, extra: string[]): CheckpointLines[] {
  const lines = checkpointsOf(loadProfile(profileName), year);
  return [...lines, ...extra.map((date) => ({ ...lines[0], date }))];
}

/** Contexts from the packed read model (memory and sqlite) and from folding every project stream with the domain fold. */
async function bothWays(store: EventStore, code: string, year: number, profileName: string, due: CheckpointLines[]) {
  const profile = loadProfile(profileName);
  const memory = new ProgressProjection(store, new MemoryProgressReadModel());
  const sqlite = new ProgressProjection(store, new SqliteProgressReadModel(new Database(':memory:')));
  const streams = contextsFromStreams(profile, code, year, due, await new CheckpointService(store, memory).projectFacts(code, year));
  const fromMemory = contextsFromReadModel(profile, code, year, due, await memory.monitoringFacts(code, year));
  const fromSqlite = contextsFromReadModel(profile, code, year, due, await sqlite.monitoringFacts(code, year));
  return { streams, fromMemory, fromSqlite };
}

const command = (line: Record<string, unknown>): LedgerCommand => {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.command;
};

/** Deterministic pseudo-random numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A department-year booked out of date order (entries recorded after later-dated ones), with every kind of
 * money event: issuances of each basis, increases, decreases, cancellations, 调剂 pairs, arrivals, payments and
 * their reversals, payments let through by `warn`, indicators with actuals recorded late.
 */
function generatedLedger(seed: number): LedgerCommand[] {
  const random = seeded(seed);
  const yuan = (max: number) => (Math.floor(random() * max * 100) / 100 + 1).toFixed(2);
  const day = () => `2021-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const projects = ['g-p0', 'g-p1', 'g-p2', 'g-p3', 'g-p4'];
  let n = 0;
  const id = () => `g-${++n}`;
  const lines: Record<string, unknown>[] = [{ command: 'RegisterDepartment', id: id(), departmentCode: 'g-d', name: '生成部门' }];
  for (const [i, projectId] of projects.entries()) {
    lines.push({ command: 'RegisterProject', id: id(), projectId, departmentCode: 'g-d', fiscalYear: 2021, name: `项目${i}`, kind: i === 4 ? 'basic' : 'project' });
    if (i < 4) lines.push({ command: 'IssueBudget', id: id(), projectId, occurredOn: `2021-0${1 + i}-05`, amount: '100000.00', source: 'own', basis: i === 2 ? 'carryover' : 'initial' });
    if (i < 3) lines.push({ command: 'SetIndicator', id: id(), projectId, indicatorId: `ind-${i}`, level1: '产出指标', level2: '数量指标', name: `指标${i}`, target: `${10 * (i + 1)}次` });
  }
  const payments: { projectId: string; paymentId: string }[] = [];
  for (let m = 0; m < 160; m += 1) {
    const projectId = projects[Math.floor(random() * 4)];
    const roll = random();
    const occurredOn = day();
    if (roll < 0.1) lines.push({ command: 'IssueBudget', id: id(), projectId, occurredOn, amount: yuan(20_000), source: 'central', basis: 'supplementary' });
    else if (roll < 0.2) lines.push({ command: 'RecordFundsArrival', id: id(), projectId, occurredOn, amount: yuan(30_000), source: 'own' });
    else if (roll < 0.55) {
      const paymentId = `g-pay-${m}`;
      payments.push({ projectId, paymentId });
      lines.push({ command: 'RecordPayment', id: id(), projectId, paymentId, occurredOn, amount: yuan(roll < 0.22 ? 300_000 : 5_000) });
    } else if (roll < 0.65 && payments.length) {
      const [payment] = payments.splice(Math.floor(random() * payments.length), 1);
      lines.push({ command: 'ReversePayment', id: id(), ...payment, occurredOn: '2021-12-30', reason: '冲销' });
    } else if (roll < 0.72) lines.push({ command: 'AdjustBudget', id: id(), projectId, occurredOn, delta: yuan(10_000), kind: 'increase', reason: '追加' });
    else if (roll < 0.8) lines.push({ command: 'AdjustBudget', id: id(), projectId, occurredOn, delta: `-${yuan(1_000)}`, kind: roll < 0.76 ? 'decrease' : 'cancel', reason: '压减' });
    else if (roll < 0.88) {
      const to = projects[(projects.indexOf(projectId) + 1) % 4];
      lines.push({ command: 'AdjustBudget', id: id(), projectId, occurredOn, delta: `-${yuan(2_000)}`, kind: 'transfer-out', reason: '调剂', counterpartProjectId: to });
    } else {
      const i = Math.floor(random() * 3);
      lines.push({ command: 'RecordIndicatorActual', id: id(), projectId: projects[i], indicatorId: `ind-${i}`, occurredOn, value: `${Math.floor(random() * 30)}次` });
    }
  }
  return lines.map(command);
}

describe('checkpoint rule contexts: the packed read model gives what folding every project stream gives', () => {
  it('on the sichuan-2020 ledger, under both profiles, at every checkpoint and other dates', async () => {
    const { store } = await storeWithFixture('sichuan-2020.jsonl');
    for (const profile of ['sichuan-2020', 'national']) {
      const due = datesOf(profile, 2020, ['2020-01-01', '2020-03-15', '2020-12-31']);
      const { streams, fromMemory, fromSqlite } = await bothWays(store, 'sc-ybj', 2020, profile, due);
      expect(streams.some((context) => context.projects.some((subject) => subject.snapshot.indicators.some((i) => i.actual !== null)))).toBe(true);
      expect(plain(fromMemory)).toEqual(plain(streams));
      expect(plain(fromSqlite)).toEqual(plain(streams));
      expect(plain(fromSqlite.map(runRules))).toEqual(plain(streams.map(runRules)));
    }
  });

  it('on a generated ledger with corrections, adjustments, 调剂, arrivals, late entries and warned overspends', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler(store, { overspendPolicy: 'warn' });
    const commands = generatedLedger(11);
    let refused = 0;
    // One by one: a decrease below what an overspend already paid is refused (and appends nothing), the rest goes on
    for (const line of commands) refused += await handler.handle(line, { source: 'test' }).then(() => 0, () => 1);
    expect(refused).toBeLessThan(commands.length / 10);
    const due = datesOf('national', 2021, ['2021-02-28', '2021-08-15', '2021-12-31']);
    const { streams, fromMemory, fromSqlite } = await bothWays(store, 'g-d', 2021, 'national', due);
    const last = streams[streams.length - 1];
    // the ledger exercises what the rules read: overspends, reversals, adjustments, arrivals, indicator actuals
    expect(last.projects.some((subject) => subject.snapshot.overspentPayments.length > 0)).toBe(true);
    expect(last.projects.some((subject) => subject.snapshot.changes !== 0n)).toBe(true);
    expect(last.projects.some((subject) => subject.snapshot.indicators.some((i) => i.actual !== null))).toBe(true);
    expect(last.tracksArrivals).toBe(true);
    expect(last.projects.find((subject) => subject.projectId === 'g-p4')?.snapshot.firstBudgetOn).toBeNull();
    expect(plain(fromMemory)).toEqual(plain(streams));
    expect(plain(fromSqlite)).toEqual(plain(streams));
  });
});
