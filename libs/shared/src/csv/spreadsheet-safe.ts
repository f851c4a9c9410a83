/**
 * Text a spreadsheet would run as a formula (CSV injection): a cell starting with = + - @, tab or
 * carriage return gets a leading single quote, as OWASP advises. Only text is escaped: figures
 * stay numbers.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
