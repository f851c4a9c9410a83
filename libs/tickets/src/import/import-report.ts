import { ApiProperty } from '@nestjs/swagger';
import { ImportLineError, ImportLineErrors, MAX_LISTED_ERRORS } from '@ledgerdesk/shared';

export { ImportLineError, MAX_LISTED_ERRORS };

/** What an import did. A re-run of the same file reports every line as a duplicate. */
export class ImportReport {
  @ApiProperty({ description: 'Non-blank lines read' }) read!: number;
  @ApiProperty({ description: 'Events added to the interaction log' }) imported!: number;
  @ApiProperty({ description: 'Lines whose id was already imported (skipped)' }) duplicates!: number;
  @ApiProperty({ description: 'Lines refused; nothing of them was written' }) rejected!: number;
  @ApiProperty({ type: [ImportLineError], description: `The first ${MAX_LISTED_ERRORS} rejected lines` })
  errors!: ImportLineError[];
  @ApiProperty({ description: 'Rejected lines beyond those listed in errors' }) errorsNotListed!: number;
}

/** Counts an import as it goes; keeps at most `MAX_LISTED_ERRORS` rejections in memory. */
export class ImportTally {
  read = 0;
  imported = 0;
  duplicates = 0;
  private readonly errors: ImportLineErrors;

  constructor(maxListed = MAX_LISTED_ERRORS) {
    this.errors = new ImportLineErrors(maxListed);
  }

  get rejected(): number {
    return this.errors.count;
  }

  reject(line: number, reason: string): void {
    this.errors.add(line, reason);
  }

  report(): ImportReport {
    return {
      read: this.read,
      imported: this.imported,
      duplicates: this.duplicates,
      rejected: this.rejected,
      errors: this.errors.list(),
      errorsNotListed: this.errors.notListed,
    };
  }
}
