import { Logger } from '@nestjs/common';
import { CommandAck } from '@ledgerdesk/contracts';

/**
 * Runs a socket command so that it always gets an acknowledgement: an unexpected failure is
 * logged and answered with `failure`, never left without an answer.
 */
export async function answerCommand<T extends object>(
  logger: Logger,
  name: string,
  command: () => Promise<CommandAck<T>>,
  failure = 'The command failed; try again',
): Promise<CommandAck<T>> {
  try {
    return await command();
  } catch (error) {
    logger.error(`${name} failed: ${(error as Error).message}`);
    return { ok: false, error: failure };
  }
}
