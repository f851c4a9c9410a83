import { describe, expect, it } from 'vitest';
import { isTyping } from './keyboard';

const input = (type: string): HTMLInputElement => Object.assign(document.createElement('input'), { type });

describe('isTyping', () => {
  it('leaves shortcuts to text fields, selects and editable text', () => {
    expect(isTyping(input('text'))).toBe(true);
    expect(isTyping(input('search'))).toBe(true);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(document.createElement('select'))).toBe(true);
  });

  it('keeps shortcuts working on a checkbox just clicked (checking tickets in the inbox)', () => {
    expect(isTyping(input('checkbox'))).toBe(false);
    expect(isTyping(input('radio'))).toBe(false);
    expect(isTyping(document.createElement('button'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
