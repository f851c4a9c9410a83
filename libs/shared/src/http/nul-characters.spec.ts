import { BadRequestException } from '@nestjs/common';
import { assertNoNulCharacters } from './nul-characters';

describe('assertNoNulCharacters', () => {
  it('names every field whose text holds a NUL, nested and in lists', () => {
    let refused: BadRequestException | undefined;
    try {
      assertNoNulCharacters({
        subject: 'ok',
        requester: { name: 'Pat\u0000' },
        lines: [{ d: 'a' }, { d: '\u0000' }],
      });
    } catch (error) {
      refused = error as BadRequestException;
    }
    expect(refused).toBeInstanceOf(BadRequestException);
    expect(refused?.getResponse()).toEqual({
      message:
        'requester.name must not contain NUL characters (\\u0000); lines.1.d must not contain NUL characters (\\u0000)',
      details: [
        { field: 'requester.name', problems: ['must not contain NUL characters (\\u0000)'] },
        { field: 'lines.1.d', problems: ['must not contain NUL characters (\\u0000)'] },
      ],
    });
  });

  it('lets everything else through', () => {
    expect(() => assertNoNulCharacters({ a: 'text', b: 1, c: null, d: [true, 'é'] })).not.toThrow();
    expect(() => assertNoNulCharacters(undefined)).not.toThrow();
  });
});
