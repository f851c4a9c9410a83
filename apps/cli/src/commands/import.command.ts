import { progressDisplay } from '@ledgerdesk/shared';
import { ImportHistoryUseCase, ImportProgress, ImportReport } from '@ledgerdesk/tickets';
import { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { withCliContext } from '../cli-context';

const counts = (progress: ImportProgress | ImportReport): string =>
  `${progress.read} read, ${progress.imported} imported, ${progress.duplicates} duplicates, ${progress.rejected} rejected`;

const status = (progress: ImportProgress): string =>
  progress.toProject === 0
    ? counts(progress)
    : `${counts(progress)}; tickets projected ${progress.projected}/${progress.toProject}`;

function printReport(report: ImportReport): void {
  console.log(
    [
      `read        ${report.read}`,
      `imported    ${report.imported}`,
      `duplicates  ${report.duplicates}  (already imported, skipped)`,
      `rejected    ${report.rejected}`,
    ].join('\n'),
  );
  if (report.rejected === 0) return;
  console.error(`\nrejected lines (nothing of them was written; fix them and run the file again):`);
  for (const error of report.errors) console.error(`  line ${error.line}: ${error.reason}`);
  if (report.errorsNotListed > 0) console.error(`  … and ${report.errorsNotListed} more`);
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import history from another desk: an NDJSON file, one event per line. ' +
        'Idempotent: running a file again skips what is already imported. Exits 1 when lines are rejected.',
    )
    .argument('<file>', 'the .ndjson file')
    .action(async (file: string) => {
      const { size } = await stat(file).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      const display = progressDisplay('importing', size);
      let report: ImportReport;
      try {
        report = await withCliContext((app) =>
          app.get(ImportHistoryUseCase).execute(createReadStream(file), {
            onProgress: (progress) => display.update(progress.bytesRead, status(progress)),
          }),
        );
      } finally {
        display.stop();
      }
      printReport(report);
      if (report.rejected > 0) process.exitCode = 1;
    });
}
