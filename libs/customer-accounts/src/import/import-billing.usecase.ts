import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, ByteSource } from '@ledgerdesk/shared';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerQuery } from '../ledger/ledger.query';
import { importAccountBatch } from './account-batch';
import {
  ACCOUNT_COLUMNS,
  AccountDocument,
  accountKey,
  AccountRow,
  assembleAccount,
  MAX_ACCOUNT_ROWS,
  parseAccountRow,
} from './account-rows';
import {
  BatchOutcome,
  BillingImportFile,
  BillingImportProgress,
  BillingImportReport,
  BillingImportTally,
} from './billing-import-report';
import { ConsecutiveRows, DocumentKey, LineError, RowGroup, RowResult } from './consecutive-rows';
import { CsvColumns, CsvRowReader } from './csv-rows';
import { importInvoiceBatch } from './invoice-batch';
import {
  assembleInvoice,
  INVOICE_COLUMNS,
  InvoiceDocument,
  invoiceKey,
  InvoiceRow,
  MAX_INVOICE_ROWS,
  parseInvoiceRow,
} from './invoice-rows';
import { importPaymentBatch } from './payment-batch';
import {
  assemblePayment,
  ImportClock,
  MAX_PAYMENT_ROWS,
  PAYMENT_COLUMNS,
  PaymentDocument,
  parsePaymentRow,
  paymentKey,
  PaymentRow,
} from './payment-rows';

/** Rows per transaction: big enough for set-based statements, small enough to stay flat in memory. */
export const BILLING_IMPORT_BATCH_ROWS = 2000;

export interface ImportBillingOptions {
  /** Called after every batch and every 10,000 rows read. */
  onProgress?: (progress: BillingImportProgress) => void;
}

/** How one kind of file is read, checked and written. */
interface ImportFileKind<Row, Document extends { lines: number[] }> {
  columns: CsvColumns;
  maxRows: number;
  keyOf(fields: Record<string, string>): DocumentKey | undefined;
  parse(fields: Record<string, string>, clock: ImportClock): RowResult<Row>;
  assemble(
    group: RowGroup<RowResult<Row>>,
  ): { ok: true; document: Document } | { ok: false; errors: LineError[] };
  write(manager: EntityManager, documents: Document[], deskTimeZone: string): Promise<BatchOutcome>;
}

const ACCOUNTS: ImportFileKind<AccountRow, AccountDocument> = {
  columns: ACCOUNT_COLUMNS,
  maxRows: MAX_ACCOUNT_ROWS,
  keyOf: accountKey,
  parse: (fields) => parseAccountRow(fields),
  assemble: assembleAccount,
  write: (manager, documents) => importAccountBatch(manager, documents),
};

const INVOICES: ImportFileKind<InvoiceRow, InvoiceDocument> = {
  columns: INVOICE_COLUMNS,
  maxRows: MAX_INVOICE_ROWS,
  keyOf: invoiceKey,
  parse: (fields) => parseInvoiceRow(fields),
  assemble: assembleInvoice,
  write: (manager, documents) => importInvoiceBatch(manager, documents),
};

const PAYMENTS: ImportFileKind<PaymentRow, PaymentDocument> = {
  columns: PAYMENT_COLUMNS,
  maxRows: MAX_PAYMENT_ROWS,
  keyOf: paymentKey,
  parse: parsePaymentRow,
  assemble: assemblePayment,
  write: importPaymentBatch,
};

/**
 * Imports one CSV file of the company's billing system (accounts, invoices or payments) from a
 * stream: rows are read and checked one by one, grouped into documents (consecutive rows with
 * the same natural key), and written in batches of about BILLING_IMPORT_BATCH_ROWS rows, each
 * in its own transaction, while the next batch is read. Idempotent by natural key, so a failed
 * or partial run can simply be run again. Used by `POST /api/billing-import/*` and
 * `ledgerdesk import-billing`.
 */
@Injectable()
export class ImportBillingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly ledger: LedgerQuery,
  ) {}

  execute(
    file: BillingImportFile,
    source: ByteSource,
    options: ImportBillingOptions = {},
  ): Promise<BillingImportReport> {
    switch (file) {
      case 'accounts':
        return this.importFile(file, ACCOUNTS, source, options);
      case 'invoices':
        return this.importFile(file, INVOICES, source, options);
      case 'payments':
        return this.importFile(file, PAYMENTS, source, options);
    }
  }

  private async importFile<Row, Document extends { lines: number[] }>(
    file: BillingImportFile,
    kind: ImportFileKind<Row, Document>,
    source: ByteSource,
    options: ImportBillingOptions,
  ): Promise<BillingImportReport> {
    const tally = new BillingImportTally(file);
    const reader = new CsvRowReader(kind.columns);
    const documents = new ConsecutiveRows<RowResult<Row>>(kind.maxRows);
    const clock: ImportClock = { nowMs: Date.now(), today: this.ledger.today() };
    const progress = (): void => options.onProgress?.(tally.progress(reader.bytesRead));

    let writing: Promise<void> | undefined;
    const write = async (batch: Document[]): Promise<void> => {
      const outcome = await this.dataSource.transaction((manager) =>
        kind.write(manager, batch, this.config.deskTimeZone),
      );
      tally.add(outcome);
      progress();
    };
    const startWriting = async (batch: Document[]): Promise<void> => {
      await writing;
      writing = write(batch);
      writing.catch(() => undefined); // awaited later; this only keeps it from counting as unhandled
    };

    let batch: Document[] = [];
    let batchRows = 0;
    const complete = async (group: RowGroup<RowResult<Row>>): Promise<void> => {
      const assembled = kind.assemble(group);
      if (!assembled.ok) {
        for (const error of assembled.errors) tally.reject(error.line, error.reason);
        return;
      }
      batch.push(assembled.document);
      batchRows += assembled.document.lines.length;
      if (batchRows >= BILLING_IMPORT_BATCH_ROWS) {
        await startWriting(batch);
        batch = [];
        batchRows = 0;
      }
    };

    let failure: { error: unknown } | undefined;
    try {
      for await (const row of reader.rows(source)) {
        if ('problem' in row) {
          tally.reject(row.line, row.problem);
          if (row.fatal) continue;
          tally.read += 1;
          documents.skip(row.line);
          continue;
        }
        tally.read += 1;
        if (tally.read % 10_000 === 0) progress();
        const parsed = kind.parse(row.fields, clock);
        const key = kind.keyOf(row.fields);
        if (!key) {
          tally.reject(row.line, parsed.ok ? 'names no document' : parsed.reason);
          documents.skip(row.line);
          continue;
        }
        for (const event of documents.add(row.line, key, parsed)) {
          if ('group' in event) await complete(event.group);
          else tally.reject(event.error.line, event.error.reason);
        }
      }
      const last = documents.finish();
      if (last) await complete(last);
      if (batch.length > 0) await startWriting(batch);
    } catch (error) {
      failure = { error };
    }
    // Never leave a transaction running behind the caller's back, even when reading failed; a
    // failed write is the failure to report.
    try {
      await writing;
    } catch (error) {
      failure = { error };
    }
    if (failure) throw failure.error;
    progress();
    return tally.report();
  }
}
