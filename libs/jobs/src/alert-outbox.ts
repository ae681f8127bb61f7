import Database from 'better-sqlite3';

export const CHANNELS = ['inbox', 'webhook', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS worker_positions (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alert_outbox (
  alert_id TEXT NOT NULL, channel TEXT NOT NULL, position INTEGER NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, claimed_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0, delivered_at TEXT, last_error TEXT,
  PRIMARY KEY (alert_id, channel));
CREATE INDEX IF NOT EXISTS alert_outbox_pending ON alert_outbox (status, position);
CREATE TABLE IF NOT EXISTS alert_inbox (
  alert_id TEXT PRIMARY KEY, department_code TEXT NOT NULL, fiscal_year INTEGER NOT NULL, payload TEXT NOT NULL, received_at TEXT NOT NULL);
`;

export interface OutboxRow {
  alertId: string;
  channel: Channel;
  payload: string;
}

/** An alert's copy in the in-app inbox: it lives in this database, so recording it is its delivery. */
export interface InboxCopy {
  alertId: string;
  departmentCode: string;
  fiscalYear: number;
  payload: string;
}

/** Inbox rows recorded before the inbox was written with the feed's position, still pending: delivered here, once. */
const MIGRATE_PENDING_INBOX_ROWS = `
INSERT OR IGNORE INTO alert_inbox (alert_id, department_code, fiscal_year, payload, received_at)
  SELECT alert_id, json_extract(payload, '$.departmentCode'), json_extract(payload, '$.fiscalYear'), payload, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM alert_outbox WHERE channel = 'inbox' AND status <> 'delivered';
UPDATE alert_outbox SET status = 'delivered', delivered_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), last_error = NULL
  WHERE channel = 'inbox' AND status <> 'delivered';
`;

/** A row still to deliver, as the dispatchers hand it over (the payload stays in the outbox until it is claimed). */
export type PendingRow = Pick<OutboxRow, 'alertId' | 'channel'> & {
  /** Insertion order of the row (its rowid): a scan of new rows starts after the last one it saw */
  seq: number;
};

export type Claim = 'claimed' | 'delivered' | 'in-flight';

/**
 * Durable delivery state beside the event store (same sqlite file when the store is sqlite): the alert
 * subscription's position, one row per (alert, channel sent elsewhere) with its delivery status, and the in-app inbox
 * (written with the position, so exactly once). It is what makes delivery exactly-once towards the receivers even
 * when Redis loses its data.
 */
export class AlertOutbox {
  private readonly statements;
  readonly record: (rows: OutboxRow[], name: string, position: number, inbox?: InboxCopy[]) => void;

  constructor(readonly db: Database.Database, private readonly leaseMs = 30_000) {
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    // Looked for first: opening the outbox takes no write lock unless there is something to migrate
    if (db.prepare("SELECT 1 FROM alert_outbox WHERE channel = 'inbox' AND status <> 'delivered' LIMIT 1").get()) db.transaction(() => db.exec(MIGRATE_PENDING_INBOX_ROWS))();
    this.statements = {
      position: db.prepare('SELECT position FROM worker_positions WHERE name = ?').pluck(),
      savePosition: db.prepare('INSERT INTO worker_positions (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position'),
      insert: db.prepare("INSERT OR IGNORE INTO alert_outbox (alert_id, channel, position, payload, status) VALUES (?, ?, ?, ?, 'pending')"),
      claim: db.prepare(
        "UPDATE alert_outbox SET status = 'sending', claimed_at = @now, attempts = attempts + 1 WHERE alert_id = @alertId AND channel = @channel AND (status = 'pending' OR (status = 'sending' AND claimed_at < @stale))",
      ),
      status: db.prepare('SELECT status FROM alert_outbox WHERE alert_id = ? AND channel = ?').pluck(),
      delivered: db.prepare("UPDATE alert_outbox SET status = 'delivered', delivered_at = ?, last_error = NULL WHERE alert_id = ? AND channel = ?"),
      release: db.prepare("UPDATE alert_outbox SET status = 'pending', claimed_at = NULL, last_error = ? WHERE alert_id = ? AND channel = ? AND status = 'sending'"),
      payload: db.prepare('SELECT payload FROM alert_outbox WHERE alert_id = ? AND channel = ?').pluck(),
      pending: db.prepare(
        "SELECT rowid AS seq, alert_id AS alertId, channel FROM alert_outbox WHERE rowid > ? AND (status = 'pending' OR (status = 'sending' AND claimed_at < ?)) ORDER BY rowid LIMIT ?",
      ),
      counts: db.prepare('SELECT status, COUNT(*) AS n FROM alert_outbox GROUP BY status'),
      inbox: db.prepare('INSERT OR IGNORE INTO alert_inbox (alert_id, department_code, fiscal_year, payload, received_at) VALUES (?, ?, ?, ?, ?)'),
      inboxOf: db.prepare('SELECT payload FROM alert_inbox WHERE department_code = ? AND fiscal_year = ? ORDER BY received_at, alert_id').pluck(),
    };
    // Outbox rows, inbox copies and the subscription position move together: a crash never skips nor doubles an alert.
    this.record = db.transaction((rows: OutboxRow[], name: string, position: number, inbox: InboxCopy[] = []) => {
      for (const row of rows) this.statements.insert.run(row.alertId, row.channel, position, row.payload);
      const receivedAt = new Date().toISOString();
      for (const copy of inbox) this.statements.inbox.run(copy.alertId, copy.departmentCode, copy.fiscalYear, copy.payload, receivedAt);
      this.statements.savePosition.run(name, position);
    });
  }

  static open(path: string): AlertOutbox {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    return new AlertOutbox(db);
  }

  position(name: string): number {
    return (this.statements.position.get(name) as number | undefined) ?? 0;
  }

  /** Takes the (alert, channel) for sending; 'in-flight' while another attempt holds a fresh lease. */
  claim(alertId: string, channel: Channel, now = Date.now()): Claim {
    if (this.statements.claim.run({ alertId, channel, now, stale: now - this.leaseMs }).changes === 1) return 'claimed';
    return this.statements.status.get(alertId, channel) === 'delivered' ? 'delivered' : 'in-flight';
  }

  markDelivered(alertId: string, channel: Channel): void {
    this.statements.delivered.run(new Date().toISOString(), alertId, channel);
  }

  release(alertId: string, channel: Channel, error: string): void {
    this.statements.release.run(error.slice(0, 500), alertId, channel);
  }

  payload(alertId: string, channel: Channel): string | undefined {
    return this.statements.payload.get(alertId, channel) as string | undefined;
  }

  /** Rows still to deliver (and sends whose lease expired), oldest first; only those recorded after row `afterSeq` when given. */
  pending(limit = 1000, now = Date.now(), afterSeq = 0): PendingRow[] {
    return this.statements.pending.all(afterSeq, now - this.leaseMs, limit) as PendingRow[];
  }

  counts(): Record<string, number> {
    return Object.fromEntries((this.statements.counts.all() as { status: string; n: number }[]).map((row) => [row.status, row.n]));
  }

  inbox(departmentCode: string, fiscalYear: number): unknown[] {
    return (this.statements.inboxOf.all(departmentCode, fiscalYear) as string[]).map((text) => JSON.parse(text));
  }
}
