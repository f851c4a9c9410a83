import { ApiProperty } from '@nestjs/swagger';
import { ImportLineError, ImportLineErrors, MAX_LISTED_ERRORS } from '@ledgerdesk/shared';

export const BILLING_IMPORT_FILES = ['accounts', 'invoices', 'payments'] as const;
export type BillingImportFile = (typeof BILLING_IMPORT_FILES)[number];

/** What importing one file did. Rows are counted as read and rejected, documents as written. */
export class BillingImportReport {
  @ApiProperty({ enum: BILLING_IMPORT_FILES }) file!: BillingImportFile;
  @ApiProperty({ description: 'Data rows read (not the header, not blank lines)' }) read!: number;
  @ApiProperty({ description: 'Accounts, invoices or payments created' }) created!: number;
  @ApiProperty({ description: 'Existing accounts changed (invoices and payments never are)' })
  updated!: number;
  @ApiProperty({ description: 'Accounts, invoices or payments already there as the file has them' })
  unchanged!: number;
  @ApiProperty({ description: 'Rows refused; nothing of them was written' }) rejected!: number;
  @ApiProperty({ type: [ImportLineError], description: `The first ${MAX_LISTED_ERRORS} rejected rows` })
  errors!: ImportLineError[];
  @ApiProperty({ description: 'Rejected rows beyond those listed in errors' }) errorsNotListed!: number;
}

export interface BillingImportProgress {
  file: BillingImportFile;
  bytesRead: number;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** What one batch did: documents written or found, rows refused. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportLineError[];
}

export const emptyOutcome = (): BatchOutcome => ({ created: 0, updated: 0, unchanged: 0, rejected: [] });

/** Counts an import as it goes; keeps at most `MAX_LISTED_ERRORS` rejected rows in memory. */
export class BillingImportTally {
  read = 0;
  created = 0;
  updated = 0;
  unchanged = 0;
  private readonly errors = new ImportLineErrors();

  constructor(readonly file: BillingImportFile) {}

  get rejected(): number {
    return this.errors.count;
  }

  reject(line: number, reason: string): void {
    this.errors.add(line, reason);
  }

  add(outcome: BatchOutcome): void {
    this.created += outcome.created;
    this.updated += outcome.updated;
    this.unchanged += outcome.unchanged;
    for (const error of outcome.rejected) this.reject(error.line, error.reason);
  }

  progress(bytesRead: number): BillingImportProgress {
    const { file, read, created, updated, unchanged, rejected } = this;
    return { file, bytesRead, read, created, updated, unchanged, rejected };
  }

  report(): BillingImportReport {
    const { file, read, created, updated, unchanged, rejected } = this;
    return {
      file,
      read,
      created,
      updated,
      unchanged,
      rejected,
      errors: this.errors.list(),
      errorsNotListed: this.errors.notListed,
    };
  }
}
