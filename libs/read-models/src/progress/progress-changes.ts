import { FactColumns, type PlainFactColumns, dayOf } from './packed-facts';
import { type ProjectInfo, type StoredEventLike, movementOf, progressChangeOf } from './progress-facts';
import { type ProjectNote, noteOf } from './monitoring-facts';

/** Events read after a read model's checkpoint, applied in one transaction with the new checkpoint. */
export interface ProgressBatch {
  add(events: readonly StoredEventLike[]): void;
  /** How many events were added (those at or before the checkpoint are skipped) */
  readonly events: number;
  /** Moves the checkpoint to `position` when every event up to it has been added or is of no interest. */
  skipTo(position: number): void;
  /** Adds what a worker thread gathered from the range that follows the events added so far. */
  absorb?(part: PlainProgressChanges): void;
  /** Writes everything; false when another writer moved the checkpoint meanwhile (nothing written: read again). */
  commit(): boolean;
}

/** ProgressChanges as plain data (posted by a worker thread). */
export interface PlainProgressChanges {
  from: number;
  to: number;
  events: number;
  departments: [string, string][];
  projects: { project: ProjectInfo; seq: number }[];
  facts: [string, PlainFactColumns][];
  notes: ProjectNote[];
}

/** What a run of events changes, accumulated compactly (packed facts per project) until written. */
export class ProgressChanges {
  readonly departments = new Map<string, string>();
  readonly projects: { project: ProjectInfo; seq: number }[] = [];
  readonly facts = new Map<string, FactColumns>();
  /** Indicators and overspent payments, in position order */
  readonly notes: ProjectNote[] = [];
  events = 0;
  /** Position of the last event added */
  to: number;
  private lastInstantText = '';
  private lastInstant = 0;

  constructor(readonly from: number) {
    this.to = from;
  }

  add(events: readonly StoredEventLike[]): void {
    for (const event of events) this.addOne(event.position, event.type, event.recordedAt, event.data);
  }

  addOne(position: number, type: string, recordedAt: string, data: unknown): void {
    if (position <= this.to) return;
    this.to = position;
    this.events += 1;
    const moved = movementOf(type, data, position);
    if (moved) {
      let columns = this.facts.get(moved.projectId);
      if (!columns) this.facts.set(moved.projectId, (columns = new FactColumns()));
      columns.push(position, this.instant(recordedAt), dayOf(moved.occurredOn), moved);
      if (type === 'PaymentMade') this.addNote(noteOf(type, data, position));
      return;
    }
    const note = noteOf(type, data, position);
    if (note) return this.addNote(note);
    const change = progressChangeOf({ position, type, recordedAt, data });
    if (change?.kind === 'department') this.departments.set(change.department.code, change.department.name);
    else if (change?.kind === 'project') this.projects.push({ project: change.project, seq: position });
  }

  private addNote(note: ProjectNote | null): void {
    if (note) this.notes.push(note);
  }

  skipTo(position: number): void {
    if (position > this.to) this.to = position;
  }

  toPlain(): PlainProgressChanges {
    return {
      from: this.from,
      to: this.to,
      events: this.events,
      departments: [...this.departments],
      projects: this.projects,
      facts: [...this.facts].map(([projectId, columns]) => [projectId, columns.toPlain()]),
      notes: this.notes,
    };
  }

  /** Appends the changes of the range that directly follows (position order is kept). */
  absorb(part: PlainProgressChanges): void {
    if (part.from !== this.to) throw new Error(`progress changes out of order: ${this.to} then ${part.from}`);
    for (const [code, name] of part.departments) this.departments.set(code, name);
    this.projects.push(...part.projects);
    for (const note of part.notes) this.notes.push(note);
    for (const [projectId, plain] of part.facts) {
      const columns = this.facts.get(projectId);
      if (columns) columns.append(FactColumns.fromPlain(plain));
      else this.facts.set(projectId, FactColumns.fromPlain(plain));
    }
    this.events += part.events;
    this.to = part.to;
  }

  /** Epoch ms of an ISO instant (events of one append share theirs: parse each distinct one once). */
  private instant(iso: string): number {
    if (iso !== this.lastInstantText) {
      this.lastInstantText = iso;
      this.lastInstant = Date.parse(iso);
    }
    return this.lastInstant;
  }
}
