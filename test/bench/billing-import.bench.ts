/**
 * Imports generated billing-system files (10,000 accounts, 100,000 invoices of 1-3 lines,
 * ~80,000 payments) through the use case the CLI runs, on a throwaway database it creates and
 * drops, and prints seconds, rows/s and peak memory per file.
 *
 *   npm run bench:billing-import
 *   npm run bench:billing-import -- --accounts 2000 --invoices 20000 --payments 16000 --rerun --keep
 *
 * --rerun imports the same files a second time (everything unchanged); --keep keeps the
 * database. DATABASE_URL names the server (its database is not touched).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { BillingImportFile, BillingImportReport, ImportBillingUseCase } from '@ledgerdesk/customer-accounts';
import { AppConfig, buildTypeOrmOptions } from '@ledgerdesk/shared';
import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_ISSUE = Date.UTC(2024, 0, 1);
const ISSUE_SPAN_DAYS = 600;

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const flag = (name: string): boolean => process.argv.includes(name);

/** A deterministic pseudo-random source, so every run imports the same files. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const quoted = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Writes lines in chunks, waiting when the file cannot keep up. */
class CsvWriter {
  private readonly out: WriteStream;
  private buffer: string[] = [];

  constructor(path: string, header: string) {
    this.out = createWriteStream(path);
    this.buffer.push(header);
  }

  async row(fields: (string | number)[]): Promise<void> {
    this.buffer.push(fields.map((field) => quoted(String(field))).join(','));
    if (this.buffer.length >= 5000) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  private async flush(): Promise<void> {
    const ok = this.out.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    if (!ok) await once(this.out, 'drain');
  }
}

interface OpenInvoice {
  number: string;
  open: number;
}

/**
 * The three files as a billing system would export them: accounts (some with a second contact
 * row), invoices in issue order across accounts, payments in receipt order, about half of them
 * with allocations (some spread over two invoices) and the rest left to oldest-due-first. The
 * generator keeps every invoice's open amount, applying oldest-due-first itself, so the files
 * hold no over-allocation.
 */
async function generateFiles(
  directory: string,
  counts: { accounts: number; invoices: number; payments: number },
): Promise<Record<BillingImportFile, string>> {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const paths = {
    accounts: join(directory, 'accounts.csv'),
    invoices: join(directory, 'invoices.csv'),
    payments: join(directory, 'payments.csv'),
  };
  const currencies: string[] = [];

  const accounts = new CsvWriter(
    paths.accounts,
    'number,name,currency,status,contact_email,contact_phone,contact_name,tax_id',
  );
  for (let a = 0; a < counts.accounts; a++) {
    const number = `ACC-${String(a).padStart(6, '0')}`;
    const currency = next() < 0.8 ? 'EUR' : next() < 0.5 ? 'GBP' : 'USD';
    currencies.push(currency);
    const name = `Customer ${a}${next() < 0.1 ? ', Ltd' : ''}`;
    const status = next() < 0.05 ? 'suspended' : '';
    const taxId = next() < 0.5 ? `VAT${100000 + a}` : '';
    await accounts.row([
      number,
      name,
      currency,
      status,
      `ap${a}@customer.example`,
      '',
      'Accounts payable',
      taxId,
    ]);
    if (next() < 0.3) {
      await accounts.row([
        number,
        name,
        currency,
        status,
        '',
        `+44 20 7946 ${String(a % 10000).padStart(4, '0')}`,
        'Front desk',
        taxId,
      ]);
    }
  }
  await accounts.close();

  const open: OpenInvoice[][] = Array.from({ length: counts.accounts }, () => []);
  const invoices = new CsvWriter(
    paths.invoices,
    'account_number,invoice_number,issue_date,due_date,currency,description,quantity,unit_price',
  );
  for (let i = 0; i < counts.invoices; i++) {
    const a = Math.floor(next() * counts.accounts);
    const account = `ACC-${String(a).padStart(6, '0')}`;
    const number = `INV-${String(i).padStart(7, '0')}`;
    const issued = FIRST_ISSUE + Math.floor((i / counts.invoices) * ISSUE_SPAN_DAYS) * DAY_MS;
    const lines = 1 + Math.floor(next() * 3);
    let total = 0;
    for (let l = 0; l < lines; l++) {
      const quantity =
        next() < 0.2 ? (1 + Math.floor(next() * 40) / 4).toFixed(2) : String(1 + Math.floor(next() * 5));
      const unitPrice = 500 + Math.floor(next() * 200) * 100;
      total += Math.round(Number(quantity) * unitPrice);
      await invoices.row([
        account,
        number,
        day(issued),
        day(issued + 30 * DAY_MS),
        currencies[a],
        pick(['Subscription', 'Seats', 'Usage, metered', 'Support plan', 'Setup fee']),
        quantity,
        unitPrice,
      ]);
    }
    open[a].push({ number, open: total });
  }
  await invoices.close();

  const payments = new CsvWriter(
    paths.payments,
    'account_number,reference,amount,currency,method,received_at,invoice_number,allocated_amount',
  );
  const firstReceipt = FIRST_ISSUE + 20 * DAY_MS;
  const receiptSpan = ISSUE_SPAN_DAYS * DAY_MS;
  for (let p = 0; p < counts.payments; p++) {
    const a = Math.floor(next() * counts.accounts);
    const account = `ACC-${String(a).padStart(6, '0')}`;
    const reference = `PAY-${String(p).padStart(7, '0')}`;
    const received = firstReceipt + Math.floor((p / counts.payments) * receiptSpan);
    const receivedAt =
      next() < 0.3 ? day(received) : new Date(received).toISOString().replace('.000Z', '+00:00');
    const method = pick(['card', 'bank_transfer', 'direct_debit', 'check']);
    const unpaid = open[a].filter((invoice) => invoice.open > 0);
    const kind = next();
    if (kind < 0.45 && unpaid.length > 0) {
      const invoice = pick(unpaid);
      const allocated = next() < 0.7 ? invoice.open : Math.max(1, Math.floor(invoice.open / 2));
      invoice.open -= allocated;
      const amount = allocated + (next() < 0.1 ? 500 : 0);
      await payments.row([
        account,
        reference,
        amount,
        currencies[a],
        method,
        receivedAt,
        invoice.number,
        allocated,
      ]);
    } else if (kind < 0.55 && unpaid.length > 1) {
      const [first, second] = unpaid;
      const amount = first.open + second.open;
      await payments.row([
        account,
        reference,
        amount,
        currencies[a],
        method,
        receivedAt,
        first.number,
        first.open,
      ]);
      await payments.row([
        account,
        reference,
        amount,
        currencies[a],
        method,
        receivedAt,
        second.number,
        second.open,
      ]);
      first.open = 0;
      second.open = 0;
    } else {
      let amount = 1000 + Math.floor(next() * 30000);
      await payments.row([account, reference, amount, currencies[a], method, receivedAt, '', '']);
      for (const invoice of open[a]) {
        if (amount === 0) break;
        const applied = Math.min(amount, invoice.open);
        invoice.open -= applied;
        amount -= applied;
      }
    }
  }
  await payments.close();
  return paths;
}

function sampleRss(): { peak: () => number; stop: () => void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return { peak: () => Math.max(peak, process.memoryUsage().rss), stop: () => clearInterval(timer) };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timedImport(
  label: string,
  useCase: ImportBillingUseCase,
  file: BillingImportFile,
  path: string,
): Promise<BillingImportReport> {
  const { size } = await stat(path);
  const rss = sampleRss();
  const started = process.hrtime.bigint();
  const report = await useCase.execute(file, createReadStream(path));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rss.stop();
  console.log(
    `${label} ${file}: ${report.read} rows (${mb(size)}) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(report.read / seconds)} rows/s; created ${report.created}, updated ${report.updated}, ` +
      `unchanged ${report.unchanged}, rejected ${report.rejected}; peak RSS ${mb(rss.peak())}`,
  );
  if (report.rejected > 0) console.log(report.errors.slice(0, 5));
  return report;
}

async function main(): Promise<void> {
  const counts = {
    accounts: argument('--accounts', 10_000),
    invoices: argument('--invoices', 100_000),
    payments: argument('--payments', 80_000),
  };
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const database = `ledgerdesk_bench_${Date.now().toString(36)}`;
  const directory = await mkdtemp(join(tmpdir(), `${database}-`));
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.LOG_LEVEL = 'silent';
  try {
    const dataSource = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();

    const started = Date.now();
    const paths = await generateFiles(directory, counts);
    console.log(
      `generated ${counts.accounts} accounts, ${counts.invoices} invoices, ${counts.payments} payments ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s: ${directory}`,
    );

    const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    try {
      const useCase = app.get(ImportBillingUseCase);
      console.log(`rss before import ${mb(process.memoryUsage().rss)}`);
      const files = ['accounts', 'invoices', 'payments'] as const;
      for (const file of files) await timedImport('import', useCase, file, paths[file]);
      if (flag('--rerun'))
        for (const file of files) await timedImport('re-import', useCase, file, paths[file]);
      const [database] = await app.get(DataSource).query<Record<string, string>[]>(
        `SELECT (SELECT count(*) FROM customer_accounts) AS accounts, (SELECT count(*) FROM account_contacts) AS contacts,
                (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM invoice_lines) AS invoice_lines,
                (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM payment_allocations) AS allocations,
                (SELECT count(*) FROM billing_audit_log) AS audit_entries,
                (SELECT count(*) FROM invoices i WHERE i.total_minor <
                   (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations a WHERE a.invoice_id = i.id)) AS over_allocated_invoices,
                (SELECT count(*) FROM payments p WHERE p.amount_minor <
                   (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations a WHERE a.payment_id = p.id)) AS over_allocated_payments`,
      );
      console.log('database:', database);
    } finally {
      await app.close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
    if (flag('--keep')) {
      console.log(`kept database ${database}`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
