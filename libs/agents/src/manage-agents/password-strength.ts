import { BadRequestException } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an offline attack on a slow hash. */
const MIN_SCORE = 3;

/** zxcvbn's warning keys, said the desk's way (its language packs weigh 5 MB; these are all we show). */
const WARNINGS: Record<string, string> = {
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats one character',
  extendedRepeat: 'it repeats a group of characters',
  sequences: 'it is a sequence such as abc or 6543',
  recentYears: 'it leans on a recent year',
  dates: 'it leans on a date',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is a small variation of a commonly used password',
  wordByItself: 'it is a single word',
  namesByThemselves: 'it is made of names',
  commonNames: 'it is made of common names',
  userInputs: 'it contains the agent’s name or email',
};

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: the common-password dictionaries take ~25 MB and ~80 ms to load. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/**
 * The words of an agent's name and email address that a password must not lean on. Not the
 * domain: the whole desk shares it.
 */
function personalWords(agent: { email: string; name: string }): string[] {
  const email = agent.email.trim().toLowerCase();
  const local = email.split('@')[0];
  const words = [email, local, ...local.split(/[.+_-]/), agent.name, ...agent.name.split(/\s+/)];
  return [...new Set(words.map((word) => word.trim()).filter((word) => word.length >= 3))];
}

/**
 * Refuses a password that is easy to guess (NIST SP 800-63B: no composition rules, but no
 * common, repetitive or personal passwords): a 400 naming `password` and why.
 */
export function assertHardToGuess(password: string, agent: { email: string; name: string }): void {
  const { score, feedback } = strengthEstimator().check(password, personalWords(agent));
  if (score >= MIN_SCORE) return;
  const why = (feedback.warning && WARNINGS[feedback.warning]) || 'it would be guessed quickly';
  const problem = `is too easy to guess: ${why}; a passphrase of a few unrelated words is both strong and memorable`;
  throw new BadRequestException({
    message: `password ${problem}`,
    details: [{ field: 'password', problems: [problem] }],
  });
}
