/**
 * Worker thread of `POST /imports`: reads and validates the uploaded ledger (JSONL, CSV or XLSX: JSON.parse, zod,
 * unit scaling, the XLSX limits) off the API's event loop, so /health and every other request keep answering
 * while a big file is checked. Posts the ParsedLedger back as one JSON text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readLedger } from '@bem/ledger-io';
import type { LedgerParseRequest } from './read-ledger-off-thread';

const { bytes, format, options } = workerData as LedgerParseRequest;
const port = parentPort as NonNullable<typeof parentPort>;

readLedger(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), format, options).then(
  (parsed) => port.postMessage({ parsed: JSON.stringify(parsed) }),
  (error: unknown) => port.postMessage({ error: (error as Error).stack ?? String(error) }),
);
