/**
 * The new text of an email reply: quoted history, forwarded blocks, signatures and mobile
 * footers removed. Works on plain text (the text part, or the text rendering of an HTML part).
 *
 * Why not a library: `email-reply-parser` needs Node 22 and `planer` (a talon port) removes
 * quotations only — not signatures nor mobile footers — and needs a DOM for HTML, so its output
 * would still need this post-processing. The rules below are checked against a corpus of
 * real-shaped replies (Gmail, Outlook, Apple Mail, Thunderbird, mobile; several languages) in
 * `__fixtures__/`.
 */

const LETTER_BEFORE = '(?<![\\p{L}])';
const LETTER_AFTER = '(?![\\p{L}])';

/** Verbs of attribution lines: "On … wrote:", "Le … a écrit :", "Am … schrieb …:", … */
const ATTRIBUTION_VERB = new RegExp(
  `${LETTER_BEFORE}(wrote|a écrit|schrieb|escribió|schreef|ha scritto|escreveu|skrev|napisał\\(a\\)|napisała|napisał|pisze|написал\\(а\\)|написала|написал|пишет|kirjoitti)${LETTER_AFTER}[^\\n]*:\\s*$`,
  'iu',
);

/** How attribution lines start: a lead word, or a date. */
const ATTRIBUTION_START =
  /^(On|Le|Am|El|Op|Il|Em|Den|W dniu|Dne|Dana|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\p{L}+\.?\s+\d{4})(?![\p{L}])/iu;

const HEADER_FROM = /^\s*\*?(From|De|Von|Van|Da|Från|Fra|Od|От)\s*:\*?\s*\S/iu;
const HEADER_SENT_OR_DATE =
  /^\s*\*?(Sent|Date|Envoyé|Gesendet|Datum|Verzonden|Enviado|Enviada|Fecha|Inviato|Data|Skickat|Sendt|Wysłano|Отправлено|Дата)\s*:\*?\s*\S/iu;

const SEPARATOR_LINE = new RegExp(
  [
    // Outlook and friends: "-----Original Message-----" in several languages.
    "^\\s*-{2,}\\s*(Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original|Ursprungligt meddelande|Oprindelig meddelelse|Wiadomość oryginalna)\\s*-{2,}\\s*$",
    // Gmail and Thunderbird forwards.
    '^\\s*-{2,}\\s*(Forwarded message|Message transféré|Weitergeleitete Nachricht|Mensaje reenviado|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada|Vidarebefordrat meddelande|Пересылаемое сообщение)\\s*-{2,}\\s*$',
    // Apple Mail forwards.
    '^\\s*(Begin forwarded message|Début du message réexpédié|Anfang der weitergeleiteten Nachricht|Inicio del mensaje reenviado|Begin doorgestuurd bericht|Inizio messaggio inoltrato)\\s*:\\s*$',
    // Outlook on the web draws a rule above the header block.
    '^\\s*_{20,}\\s*$',
  ].join('|'),
  'iu',
);

const MOBILE_FOOTER = new RegExp(
  '^\\s*(' +
    [
      'Sent from my (iPhone|iPad|Android|BlackBerry|mobile device|Galaxy|Samsung[^\\n]*|Huawei[^\\n]*|Pixel[^\\n]*)',
      'Sent from (Outlook|Mail|Yahoo Mail|Gmail|Proton Mail)( for (iOS|iPhone|iPad|Android|Windows[^\\n]*|Mac))?',
      'Sent from my Samsung Galaxy smartphone',
      'Get Outlook for (iOS|Android)',
      'Envoyé de mon (iPhone|iPad|smartphone[^\\n]*|appareil[^\\n]*)',
      "Envoyé depuis (mon|l'application)[^\\n]*",
      'Von meinem (iPhone|iPad|Smartphone|Samsung[^\\n]*|Android[^\\n]*) gesendet',
      'Gesendet von meinem (iPhone|iPad|Smartphone[^\\n]*)',
      'Gesendet mit der [^\\n]*App',
      'Enviado desde mi (iPhone|iPad|smartphone[^\\n]*|dispositivo[^\\n]*)',
      'Enviado do meu (iPhone|iPad|smartphone[^\\n]*)',
      '(Verzonden|Verstuurd) (vanaf|van) mijn (iPhone|iPad|Android[^\\n]*|Samsung[^\\n]*)',
      'Inviato da (iPhone|iPad|Outlook[^\\n]*)',
      'Inviato dal mio (iPhone|iPad|smartphone[^\\n]*|dispositivo[^\\n]*)',
      'Skickat från min (iPhone|iPad)',
      'Sendt fra min (iPhone|iPad)',
      'Wysłane z (mojego )?(iPhone|iPada|iPad)',
      'Отправлено с (iPhone|iPad|моего[^\\n]*)',
    ].join('|') +
    ')\\.?\\s*$',
  'iu',
);

function isAttributionAt(lines: string[], index: number): boolean {
  if (!ATTRIBUTION_START.test(lines[index].trim())) return false;
  let joined = '';
  for (let end = index; end < Math.min(lines.length, index + 3); end += 1) {
    if (end > index && lines[end].trim() === '') return false;
    joined = `${joined} ${lines[end].trim()}`.trim();
    if (ATTRIBUTION_VERB.test(joined)) return true;
  }
  return false;
}

function isHeaderBlockAt(lines: string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index])) return false;
  for (let next = index + 1; next < Math.min(lines.length, index + 6); next += 1) {
    if (HEADER_SENT_OR_DATE.test(lines[next])) return true;
  }
  return false;
}

/** Index of the first line that starts the quoted/forwarded part, signature or footer. */
function cutIndex(lines: string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (line === '-- ' || line.trimEnd() === '--') return index;
    if (MOBILE_FOOTER.test(line)) return index;
    if (SEPARATOR_LINE.test(line)) return index;
    if (isAttributionAt(lines, index)) return index;
    if (isHeaderBlockAt(lines, index)) return index;
  }
  return lines.length;
}

/** Normalises line endings and spaces; `-- ` keeps its trailing space (the signature marker). */
function normalise(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u200b|\ufeff/g, '')
    .split('\n')
    .map((line) => (line === '-- ' ? line : line.trimEnd()));
}

export interface SplitReply {
  /** The new text. */
  reply: string;
  /** Whether anything (quote, signature, footer) was removed. */
  trimmed: boolean;
}

export function splitReply(text: string): SplitReply {
  const lines = normalise(text);
  const cut = cutIndex(lines);
  const kept = lines.slice(0, cut).filter((line) => !/^\s*>/.test(line));
  const collapsed: string[] = [];
  for (const line of kept) {
    if (line === '' && collapsed.at(-1) === '') continue;
    collapsed.push(line);
  }
  // A rule drawn above the cut quote (Outlook's <hr> as text: a line of dashes) belongs to it.
  if (cut < lines.length) {
    while (collapsed.length > 0 && /^\s*([-_=]{10,}|)\s*$/.test(collapsed[collapsed.length - 1]))
      collapsed.pop();
  }
  const trimmed = cut < lines.length && lines.slice(cut).some((line) => line.trim() !== '');
  return { reply: collapsed.join('\n').trim(), trimmed: trimmed || kept.length < cut };
}

/**
 * A first message as it was written, but for a mobile footer ("Sent from my iPhone") on its
 * last line: nothing else is cut, since what follows a separator or a signature marker in a new
 * message (a forwarded invoice, pasted bank details) is part of what the customer asks about.
 */
export function withoutMobileFooter(text: string): SplitReply {
  const lines = normalise(text);
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end -= 1;
  if (end === 0 || !MOBILE_FOOTER.test(lines[end - 1]))
    return { reply: lines.join('\n').trim(), trimmed: false };
  return {
    reply: lines
      .slice(0, end - 1)
      .join('\n')
      .trim(),
    trimmed: true,
  };
}

export function extractReply(text: string): string {
  return splitReply(text).reply;
}
