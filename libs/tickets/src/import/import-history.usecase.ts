import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CUSTOMER_ACCOUNT_RESOLVER, CustomerAccountResolver } from '../billing/billing-ports';
import { AgentDirectory } from './agent-directory';
import { PROJECTION_CHUNK, projectAllMarked, projectMarkedTickets } from './deferred-projection';
import { EarlyProjection } from './early-projection';
import { importBatch } from './import-batch';
import { ImportReport, ImportTally } from './import-report';
import { ByteSource, NdjsonLineReader } from './ndjson-lines';
import { parseImportLine } from './parse-import-line';
import { WriterLanes } from './writer-lanes';

/** Lines per transaction: big enough for set-based statements, small enough to stay flat in memory. */
export const IMPORT_BATCH_SIZE = 4000;
/** Longer lines are rejected unread (the longest valid line, a 200,000-character body, fits). */
export const MAX_IMPORT_LINE_BYTES = 2 * 1024 * 1024;
/**
 * Writer lanes: batches written at the same time, each in its own transaction, while the next
 * lines are read and validated. A ticket's lines always go to the same lane (by a hash of its
 * key), so two transactions of one import never touch the same ticket: no lock waits between
 * them, and a new ticket draws exactly one number (two batches that both added the same new
 * ticket used to both draw one, leaving gaps). Measured on 2 cores: one lane keeps one
 * PostgreSQL backend busy and leaves the other core idle.
 */
export const IMPORT_LANES = 3;

export interface ImportProgress {
  bytesRead: number;
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** Tickets projected from their log so far, of `toProject`: the import's last step. */
  projected: number;
  toProject: number;
}

/**
 * A ticket none of whose lines came in this many lines is projected while the import goes on
 * (settled-tickets.ts): above the 99th percentile of a ticket's spread in a time-ordered export
 * of a busy desk (36,000 lines in the benchmark's history), so few are projected twice.
 */
const SETTLED_AFTER_LINES = 40_000;

export interface ImportHistoryOptions {
  /** Called after every batch and every 10,000 lines read. */
  onProgress?: (progress: ImportProgress) => void;
  /** Lines a ticket must be quiet for to be projected before the import ends (SETTLED_AFTER_LINES). */
  settledAfterLines?: number;
}

/**
 * Imports a history file (NDJSON, one event per line) from a stream, in batches of
 * IMPORT_BATCH_SIZE valid lines, each in its own transaction; IMPORT_LANES batches are written
 * at once while the next lines are read and validated, so memory stays flat whatever the file's
 * size. Lines are applied idempotently (by `id`), so a failed or partial run can simply be run
 * again. Then every ticket the import appended to is projected from its whole log, once
 * (deferred-projection.ts), IMPORT_LANES transactions at a time. Used by `POST /api/import` and
 * `ledgerdesk import`.
 */
@Injectable()
export class ImportHistoryUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(source: ByteSource, options: ImportHistoryOptions = {}): Promise<ImportReport> {
    const tally = new ImportTally();
    const reader = new NdjsonLineReader(MAX_IMPORT_LINE_BYTES);
    const agents = await AgentDirectory.load(this.dataSource.manager);
    const projection = { projected: 0, toProject: 0 };
    const progress = (): void =>
      options.onProgress?.({
        bytesRead: reader.bytesRead,
        read: tally.read,
        imported: tally.imported,
        duplicates: tally.duplicates,
        rejected: tally.rejected,
        ...projection,
      });

    const lanes = new WriterLanes(IMPORT_LANES, IMPORT_BATCH_SIZE, async (batch) => {
      const outcome = await this.dataSource.transaction((manager) =>
        importBatch(manager, batch, agents, this.accounts),
      );
      tally.imported += outcome.imported;
      tally.duplicates += outcome.duplicates;
      for (const error of outcome.rejected) tally.reject(error.line, error.reason);
      progress();
    });
    const early = new EarlyProjection(
      options.settledAfterLines ?? SETTLED_AFTER_LINES,
      PROJECTION_CHUNK,
      async (keys) => {
        await this.dataSource.transaction((manager) => projectMarkedTickets(manager, { keys }));
      },
    );
    let readFailure: { error: unknown } | undefined;
    try {
      for await (const line of reader.lines(source)) {
        tally.read += 1;
        if (tally.read % 10_000 === 0) progress();
        if ('problem' in line) {
          tally.reject(
            line.number,
            line.problem === 'too long'
              ? `line is longer than ${MAX_IMPORT_LINE_BYTES} bytes`
              : 'line is not valid UTF-8',
          );
          continue;
        }
        const parsed = parseImportLine(line.text);
        if (!parsed.ok) {
          tally.reject(line.number, parsed.reason);
          continue;
        }
        early.saw(parsed.event.ticket, line.number);
        if (await lanes.add({ line: line.number, event: parsed.event })) {
          await early.offer(line.number, lanes.writtenThrough());
        }
      }
      await lanes.flushAll();
    } catch (error) {
      readFailure = { error };
    }
    // Never leave a transaction running behind the caller's back, even when reading failed; a
    // failed write is the failure to report.
    const written = await lanes.settle();
    const earlyDone = await early.settle().then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    // What was committed is projected even when the import failed: its tickets are then right
    // until the file is run again.
    const projected = await projectAllMarked(this.dataSource, {
      concurrency: IMPORT_LANES,
      onProgress: (done, total) => {
        projection.projected = done;
        projection.toProject = total;
        progress();
      },
    }).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    if (readFailure) throw readFailure.error;
    const failed = written.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (earlyDone) throw earlyDone.error;
    if (projected) throw projected.error;
    progress();
    return tally.report();
  }
}
