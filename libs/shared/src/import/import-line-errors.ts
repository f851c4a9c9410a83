import { ApiProperty } from '@nestjs/swagger';

export const MAX_LISTED_ERRORS = 1000;

export class ImportLineError {
  @ApiProperty({ description: 'Line number in the file (1-based)' }) line!: number;
  @ApiProperty({ example: 'unknown agent "pat@old-desk.example"' }) reason!: string;
}

/**
 * The rejected lines of an import; keeps the `maxListed` lowest line numbers in memory (batches
 * written concurrently report out of line order) and counts the rest.
 */
export class ImportLineErrors {
  private rejected = 0;
  private readonly listed: ImportLineError[] = [];

  constructor(private readonly maxListed = MAX_LISTED_ERRORS) {}

  add(line: number, reason: string): void {
    this.rejected += 1;
    if (this.listed.length < this.maxListed) {
      this.listed.push({ line, reason });
      return;
    }
    let highest = 0;
    for (let index = 1; index < this.listed.length; index++) {
      if (this.listed[index].line > this.listed[highest].line) highest = index;
    }
    if (this.listed.length > 0 && line < this.listed[highest].line) this.listed[highest] = { line, reason };
  }

  get count(): number {
    return this.rejected;
  }

  /** The listed errors in line order. */
  list(): ImportLineError[] {
    return [...this.listed].sort((a, b) => a.line - b.line);
  }

  get notListed(): number {
    return this.rejected - this.listed.length;
  }
}
