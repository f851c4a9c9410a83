import { ApiProperty } from '@nestjs/swagger';

export const MAX_LISTED_ERRORS = 1000;

export class ImportLineError {
  @ApiProperty({ description: 'Line number in the file (1-based)' }) line!: number;
  @ApiProperty({ example: 'unknown agent "pat@old-desk.example"' }) reason!: string;
}

/** The rejected lines of an import; keeps at most `maxListed` of them in memory, counts the rest. */
export class ImportLineErrors {
  private rejected = 0;
  private readonly listed: ImportLineError[] = [];

  constructor(private readonly maxListed = MAX_LISTED_ERRORS) {}

  add(line: number, reason: string): void {
    this.rejected += 1;
    if (this.listed.length < this.maxListed) this.listed.push({ line, reason });
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
