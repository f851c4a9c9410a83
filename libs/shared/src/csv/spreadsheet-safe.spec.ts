import { spreadsheetSafe } from './spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it('quotes text a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
    }
  });

  it('leaves other text as it is', () => {
    expect(spreadsheetSafe('Charged twice')).toBe('Charged twice');
    expect(spreadsheetSafe('a=b')).toBe('a=b');
    expect(spreadsheetSafe('')).toBe('');
  });
});
