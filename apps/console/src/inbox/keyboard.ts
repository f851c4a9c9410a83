/** The console's keyboard shortcuts: one table feeds both the handlers and the help overlay. */
export const SHORTCUTS: readonly { keys: string; where: string; what: string }[] = [
  { keys: 'j / ↓', where: 'Inbox', what: 'Next ticket' },
  { keys: 'k / ↑', where: 'Inbox', what: 'Previous ticket' },
  { keys: 'Enter / o', where: 'Inbox', what: 'Open the selected ticket' },
  { keys: 'x', where: 'Inbox', what: 'Check or uncheck the selected ticket (change many at once)' },
  { keys: '/', where: 'Inbox', what: 'Search' },
  { keys: '1 … 6', where: 'Inbox', what: 'Switch saved view' },
  { keys: '[ / ]', where: 'Inbox', what: 'Previous / next page' },
  { keys: 'r', where: 'Ticket', what: 'Write a public reply' },
  { keys: 'n', where: 'Ticket', what: 'Write an internal note' },
  { keys: 'Ctrl/⌘ + Enter', where: 'Composer', what: 'Send' },
  { keys: 'Esc', where: 'Composer', what: 'Leave the composer' },
  { keys: 'u', where: 'Ticket', what: 'Back to the inbox' },
  { keys: 'g i / g s / g d', where: 'Anywhere', what: 'Go to inbox / scorecard / dashboard' },
  { keys: '?', where: 'Anywhere', what: 'Show or hide this help' },
];

/** Inputs that take no text: a key press on one (after a click on it) is still a shortcut. */
const TEXTLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** True when a key press belongs to a text field, not to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !TEXTLESS_INPUTS.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A plain key without modifiers (Shift allowed for '?'). */
export const plainKey = (event: KeyboardEvent): boolean => !event.ctrlKey && !event.metaKey && !event.altKey;
