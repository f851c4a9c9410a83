import { BadRequestException } from '@nestjs/common';
import { assertHardToGuess } from './password-strength';

const GRACE = { email: 'grace.hopper@billing.example', name: 'Grace Hopper' };

function refusal(password: string, agent = GRACE): string | undefined {
  try {
    assertHardToGuess(password, agent);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as {
      message: string;
      details: { field: string; problems: string[] }[];
    };
    expect(body.details).toEqual([{ field: 'password', problems: [body.message.replace(/^password /, '')] }]);
    return body.message;
  }
}

describe('assertHardToGuess', () => {
  it('refuses common passwords and small variations of them, saying why', () => {
    expect(refusal('password')).toMatch(
      /^password is too easy to guess: it is one of the ten most used passwords;/,
    );
    expect(refusal('password1234')).toMatch(/small variation of a commonly used password/);
    expect(refusal('Summer2024!')).toMatch(/small variation of a commonly used password/);
  });

  it('refuses keyboard rows, repeats and sequences', () => {
    expect(refusal('asdfghjkl;')).toMatch(/row of keys/);
    expect(refusal('aaaaaaaaaaaa')).toMatch(/repeats one character/);
    expect(refusal('abcdefghijkl')).toMatch(/sequence/);
  });

  it('refuses a password built from the agent’s name or the local part of the email', () => {
    expect(refusal('gracehopper')).toMatch(/contains the agent’s name or email/);
    expect(refusal('grace.hopper1')).toMatch(/contains the agent’s name or email/);
  });

  it('takes passphrases and random strings, and the desk’s shared domain is not personal', () => {
    expect(refusal('correct horse battery staple')).toBeUndefined();
    expect(refusal('pw-4f1c2b7e-1a2b-4c3d')).toBeUndefined();
    expect(refusal('billing-example-tide')).toBeUndefined();
  });
});
