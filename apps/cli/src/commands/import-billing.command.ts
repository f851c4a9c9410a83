import {
  BillingImportFile,
  BillingImportProgress,
  BillingImportReport,
  ImportBillingUseCase,
} from '@ledgerdesk/customer-accounts';
import { progressDisplay } from '@ledgerdesk/shared';
import { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { withCliContext } from '../cli-context';

/** The files in the order they are imported: accounts before the invoices and payments on them. */
const FILES: readonly BillingImportFile[] = ['accounts', 'invoices', 'payments'];

type Options = Partial<Record<BillingImportFile, string>>;

const counts = (progress: BillingImportProgress | BillingImportReport): string =>
  `${progress.read} rows read, ${progress.created} created, ${progress.updated} updated, ` +
  `${progress.unchanged} unchanged, ${progress.rejected} rejected`;

function printReport(path: string, report: BillingImportReport): void {
  console.log(
    [
      `${report.file} (${path})`,
      `  rows read   ${report.read}`,
      `  created     ${report.created}`,
      `  updated     ${report.updated}`,
      `  unchanged   ${report.unchanged}  (already there as in the file)`,
      `  rejected    ${report.rejected}  rows`,
    ].join('\n'),
  );
  if (report.rejected === 0) return;
  console.error(`\nrejected rows of ${path} (nothing of them was written; fix them and run the file again):`);
  for (const error of report.errors) console.error(`  line ${error.line}: ${error.reason}`);
  if (report.errorsNotListed > 0) console.error(`  … and ${report.errorsNotListed} more`);
}

export function registerImportBillingCommand(program: Command): void {
  program
    .command('import-billing')
    .description(
      'Import accounts, invoices and payments from the billing system: CSV files with a header row ' +
        '(formats in libs/customer-accounts/src/import/README.md), in that order, any subset. ' +
        'Idempotent: running the files again changes nothing. Exits 1 when rows are rejected.',
    )
    .option('--accounts <file>', 'accounts.csv: number,name,currency[,status,contact_*,tax_id]')
    .option('--invoices <file>', 'invoices.csv: one row per invoice line')
    .option('--payments <file>', 'payments.csv: one row per payment or per allocation')
    .action(async (options: Options) => {
      const files = FILES.filter((file) => options[file] !== undefined);
      if (files.length === 0) {
        throw new Error('give at least one of --accounts, --invoices, --payments');
      }
      const sizes = new Map<BillingImportFile, number>();
      for (const file of files) {
        const path = options[file] ?? '';
        const { size } = await stat(path).catch((error: NodeJS.ErrnoException) => {
          throw new Error(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
        });
        sizes.set(file, size);
      }

      let rejected = 0;
      await withCliContext(async (app) => {
        const useCase = app.get(ImportBillingUseCase);
        for (const file of files) {
          const path = options[file] ?? '';
          const display = progressDisplay(`importing ${file}`, sizes.get(file) ?? 0);
          let report: BillingImportReport;
          try {
            report = await useCase.execute(file, createReadStream(path), {
              onProgress: (progress) => display.update(progress.bytesRead, counts(progress)),
            });
          } finally {
            display.stop();
          }
          printReport(path, report);
          rejected += report.rejected;
        }
      });
      if (rejected > 0) process.exitCode = 1;
    });
}
