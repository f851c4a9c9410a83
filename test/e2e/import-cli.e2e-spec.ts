import { Command } from 'commander';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerImportCommand } from '../../apps/cli/src/commands/import.command';
import { minutesAfterNine as t, ndjson, ticketByKey, uniquePrefix } from '../support/history-import';
import { TestAgent, TestApp } from '../support/test-app';

describe('ledgerdesk import <file>', () => {
  let testApp: TestApp;
  let ana: TestAgent;
  let directory: string;
  let output: string[];
  let errors: string[];

  beforeAll(async () => {
    testApp = await TestApp.start();
    ana = await testApp.agent('agent');
    directory = await mkdtemp(join(tmpdir(), 'ledgerdesk-import-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await testApp.close();
  });

  beforeEach(() => {
    output = [];
    errors = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  async function runImport(lines: Parameters<typeof ndjson>[0]): Promise<void> {
    const file = join(directory, `${uniquePrefix('history')}.ndjson`);
    await writeFile(file, ndjson(lines));
    const program = new Command('ledgerdesk').exitOverride();
    registerImportCommand(program);
    await program.parseAsync(['node', 'ledgerdesk', 'import', file]);
  }

  it('imports a file, prints the counts and exits 0', async () => {
    const key = uniquePrefix('cli');
    await runImport([
      {
        id: `${key}-1`,
        type: 'ticket.created',
        ticket: key,
        at: t(0),
        channel: 'phone',
        subject: 'Late fee',
        requester: { phone: '+1 555 0100' },
      },
      {
        id: `${key}-2`,
        type: 'call',
        ticket: key,
        at: t(1),
        agent: ana.email,
        direction: 'inbound',
        endedAt: t(9),
      },
    ]);
    expect(output.join('\n')).toMatch(/read\s+2\nimported\s+2\nduplicates\s+0 .*\nrejected\s+0/);
    expect(errors).toEqual([]);
    expect(process.exitCode).toBeUndefined();
    expect(await ticketByKey(testApp.dataSource, key)).toMatchObject({ subject: 'Late fee', status: 'open' });
  });

  it('lists rejected lines with their numbers and exits 1', async () => {
    const key = uniquePrefix('cli-bad');
    await runImport([
      { id: `${key}-1`, type: 'ticket.closed', ticket: key, at: t(0) },
      { id: `${key}-2`, type: 'ticket.solved', ticket: key, at: t(1), agent: 'ghost@old-desk.example' },
    ]);
    expect(output.join('\n')).toMatch(/imported\s+1\n.*\nrejected\s+1/);
    expect(errors.join('\n')).toContain('line 2: unknown agent "ghost@old-desk.example"');
    expect(process.exitCode).toBe(1);
  });
});
