export interface CsatReply {
  rating: number;
  comment?: string;
}

/** Words and phrases that stand for a rating, in the desk's customers' languages. Longest first wins. */
const RATING_WORDS: Record<number, string[]> = {
  5: [
    'excellent',
    'excellente',
    'outstanding',
    'perfect',
    'perfectly',
    'amazing',
    'awesome',
    'fantastic',
    'superb',
    'brilliant',
    'great',
    'very very good',
    'super',
    'exzellent',
    'ausgezeichnet',
    'hervorragend',
    'perfekt',
    'parfait',
    'génial',
    'excelente',
    'perfecto',
    'genial',
    'estupendo',
    'uitstekend',
    'geweldig',
    'eccellente',
    'ottimo',
    'perfetto',
    'ótimo',
    'fantástico',
    'doskonale',
  ],
  4: [
    'very good',
    'good',
    'sehr gut',
    'gut',
    'très bien',
    'bien',
    'pas mal',
    'muy bien',
    'bueno',
    'buena',
    'goed',
    'heel goed',
    'buono',
    'molto bene',
    'bene',
    'bom',
    'muito bom',
    'dobrze',
    'satisfied',
    'happy',
  ],
  3: [
    'ok',
    'okay',
    'o.k.',
    'fine',
    'average',
    'alright',
    'all right',
    'so-so',
    'so so',
    'meh',
    'not bad',
    'neutral',
    'mediocre',
    'geht so',
    'mittel',
    'passable',
    'moyen',
    'correct',
    'regular',
    'normal',
    'gaat wel',
    'così così',
    'discreto',
    'razoável',
  ],
  2: [
    'poor',
    'bad',
    'not good',
    'not good at all',
    'not great',
    'disappointing',
    'disappointed',
    'unhappy',
    'schlecht',
    'nicht gut',
    'mauvais',
    'pas bien',
    'décevant',
    'malo',
    'mala',
    'slecht',
    'scarso',
    'male',
    'ruim',
    'unsatisfied',
  ],
  1: [
    'terrible',
    'awful',
    'horrible',
    'very bad',
    'very poor',
    'worst',
    'useless',
    'appalling',
    'dreadful',
    'furchtbar',
    'schrecklich',
    'katastrophal',
    'sehr schlecht',
    'nul',
    'nulle',
    'horrible',
    'très mauvais',
    'pésimo',
    'pésima',
    'fatal',
    'muy malo',
    'vreselijk',
    'heel slecht',
    'pessimo',
    'terribile',
    'péssimo',
  ],
};

const PHRASES = Object.entries(RATING_WORDS)
  .flatMap(([rating, words]) => words.map((word) => ({ word, rating: Number(rating) })))
  .sort((a, b) => b.word.length - a.word.length);

/** "Rating: 4", "Note : 4", "Bewertung 4" — a label in front of the rating. */
const LABEL =
  /^(?:my\s+)?(?:rating|score|grade|note|bewertung|puntuación|puntuacion|calificación|valutazione|cijfer|nota)\s*[:=-]?\s*/i;
/**
 * "4/5", "4 / 5", "4 out of 5", "4 von 5", "4 sur 5", "4 de 5", "4 su 5", "4 uit 5", "4 of 5" —
 * out of 5 exactly, not "5/50" or "4 of 5.5".
 */
const OUT_OF_FIVE = /^([1-5])\s*(?:\/|out\s+of|von|sur|de|su|uit|of)\s*5(?!\d|[.,]\d)/i;
/** A bare digit 1–5, not part of a longer number ("45", "4.5", "1st"). */
const DIGIT = /^([1-5])(?![\d.,]?\d)(?![a-z])/i;
/**
 * What may follow a bare digit for it to be a rating: nothing, or punctuation that ends it
 * ("4 - thanks", "2. The refund…", "5!"). Not a word ("1 more question"), and not another scale
 * ("5/10", "5 out of 10", "3 of 10": no rating, the customer is asked again).
 */
const DIGIT_END = /^\s*(?:$|[-–—:.,;!)])/;
const STARS = /^([⭐★🌟]\uFE0F?\s*){1,5}(?![⭐★🌟])/u;
const STAR_WORD = /^(?:stars?|sterne?|étoiles?|estrellas?|sterren|stelle|estrelas?)(?![\p{L}\p{N}])/iu;
const SEPARATORS = /^[\s\-–—:.,;!)(/|*~]+/;
/** What may follow a rating word for the word alone to be the rating ("Great!", "Terrible. Nobody…"). */
const WORD_END = /^\s*(?:$|[-–—:.,;!])/;
/**
 * What a rating word may be said of inside a sentence ("Great service!!", "ottimo lavoro"): then
 * the sentence is a rating, kept whole as the comment. Any other word after it ("Super annoyed,
 * …", "Good luck …") leaves the reply unread.
 */
const RATED_THING =
  /^\s+(?:customer\s+)?(?:service|support|help|job|work|experience|response|answers?|agent|team|communication|assistance|servicio|atención|atencion|trabajo|ayuda|servizio|lavoro|aiuto|assistenza|serviço|servico|atendimento|trabalho|ajuda|travail|aide|accueil|arbeit|hilfe|beratung|kundenservice|unterstützung|dienst|dienstverlening|hulp|werk|klantenservice|obsługa|pomoc|praca)(?![\p{L}\p{N}])/iu;

/** Openings that start with a rating word but are not a rating. */
const NOT_A_RATING = /^(good\s+(morning|afternoon|evening|day|night)|bom\s+dia|ok(ay)?\s+so\b|fine\s+print)/i;

const isQuoted = (line: string): boolean => /^\s*>/.test(line);

function stripSeparators(text: string): string {
  return text.replace(SEPARATORS, '').trim();
}

function ratingWordAt(head: string): { rating: number; length: number } | undefined {
  const lower = head.toLowerCase();
  for (const { word, rating } of PHRASES) {
    if (!lower.startsWith(word)) continue;
    const next = lower.charAt(word.length);
    // A whole word only: "good" but not "goodbye", "ok" but not "okra".
    if (next === '' || !/[\p{L}\p{N}]/u.test(next)) return { rating, length: word.length };
  }
  return undefined;
}

/**
 * Understands the new text of an email reply to a CSAT survey when it clearly gives a rating on
 * the 1–5 scale: a digit 1–5 standing alone or ending in punctuation ("4", "5 - great", "2. …"),
 * "4/5", "4 out of 5", stars ("⭐⭐⭐⭐", "5 stars"), or a rating word in English, German, French,
 * Spanish, Dutch, Italian or Portuguese ("excellent", "terrible", "sehr gut") on its own or said of
 * the service ("Great service!!"). The rating must open the reply. After a digit, stars or a rating
 * word on its own, the rest is the comment; a rating word inside a sentence keeps the whole
 * sentence as the comment. Quoted lines (`>`) are ignored. Anything else — "1 more question: …",
 * "5/10", "Super annoyed, …" — is undefined (not a rating).
 */
export function parseCsatReply(text: string): CsatReply | undefined {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !isQuoted(line));
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return undefined;
  const head = lines[first].trim().replace(LABEL, '');
  const rest = lines.slice(first + 1).join('\n');

  let rating: number | undefined;
  let after = '';
  const stars = STARS.exec(head);
  const outOfFive = OUT_OF_FIVE.exec(head);
  const digit = DIGIT.exec(head);
  if (stars) {
    rating = [...stars[0].matchAll(/[⭐★🌟]/gu)].length;
    after = head.slice(stars[0].length);
  } else if (outOfFive) {
    rating = Number(outOfFive[1]);
    after = stripSeparators(head.slice(outOfFive[0].length)).replace(STAR_WORD, '');
  } else if (digit) {
    const next = head.slice(digit[0].length);
    const starWord = STAR_WORD.exec(next.trimStart());
    if (starWord) {
      rating = Number(digit[1]);
      after = next.trimStart().slice(starWord[0].length);
    } else if (DIGIT_END.test(next)) {
      rating = Number(digit[1]);
      after = next;
    }
  } else if (!NOT_A_RATING.test(head)) {
    const word = ratingWordAt(head);
    const next = word ? head.slice(word.length) : '';
    if (word && WORD_END.test(next)) {
      rating = word.rating;
      after = next;
    } else if (word && RATED_THING.test(next)) {
      rating = word.rating;
      after = head; // said inside a sentence: the whole sentence is the comment
    }
  }
  if (rating === undefined) return undefined;
  const comment = [stripSeparators(after), rest.trim()]
    .filter((part) => part !== '')
    .join('\n')
    .trim();
  return comment ? { rating, comment: stripSeparators(comment) || comment } : { rating };
}

/**
 * Whether the new text of a survey reply asks something ("When does the refund arrive?",
 * "5 - but why the late fee?"): a question mark outside quoted lines. Such a reply goes to an
 * agent as a customer reply (reopening the ticket), whatever rating it also gives.
 */
export function asksQuestion(text: string): boolean {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .some((line) => !isQuoted(line) && line.includes('?'));
}
