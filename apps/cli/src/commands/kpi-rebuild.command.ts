import { RebuildKpisUseCase } from '@ledgerdesk/kpi';
import { progressDisplay } from '@ledgerdesk/shared';
import { Command } from 'commander';
import { withCliContext } from '../cli-context';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(name: string): (value: string) => string {
  return (value) => {
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
      throw new Error(`--${name} must be a date like 2026-11-01 (got ${value})`);
    }
    return value;
  };
}

export function registerKpiRebuildCommand(program: Command): void {
  program
    .command('kpi:rebuild')
    .description(
      'Recompute the KPI tables from the interaction log. Without a range: drop and rebuild everything. ' +
        'With --from/--to: re-project every ticket with an event on those days (DESK_TIMEZONE).',
    )
    .option('--from <date>', 'first day, inclusive', date('from'))
    .option('--to <date>', 'last day, inclusive', date('to'))
    .action(async (options: { from?: string; to?: string }) => {
      if (options.from && options.to && options.to < options.from)
        throw new Error('--to must not be before --from');
      const started = Date.now();
      let display: ReturnType<typeof progressDisplay> | undefined;
      const result = await withCliContext((app) =>
        app.get(RebuildKpisUseCase).execute(options, ({ done, total }) => {
          display ??= progressDisplay('rebuilding KPIs', total, 'items');
          display.update(done, 'tickets');
        }),
      ).finally(() => display?.stop());
      const seconds = (Date.now() - started) / 1000;
      console.log(`rebuilt KPIs of ${result.done} ticket(s) in ${seconds.toFixed(1)} s`);
    });
}
