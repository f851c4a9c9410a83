import { escapeHtml as escape, inlineScript, publicPage } from '@ledgerdesk/shared';
import { RATING_LABELS } from '../surveys/survey-mail';

const RATING_STYLE =
  'label.rate,a.rate{display:inline-block;padding:.5rem .8rem;margin:.2rem;border:1px solid #888;border-radius:.3rem;text-decoration:none}';
const page = (title: string, body: string): string => publicPage(title, body, RATING_STYLE);

/** The survey page's one script: it sends the rating form the link preselected. */
const AUTO_SUBMIT = inlineScript("document.getElementById('rating-form').submit();");

/** The survey pages' inline scripts, as Content-Security-Policy sources (the desk allows these). */
export const CSAT_INLINE_SCRIPT_SOURCES: readonly string[] = [AUTO_SUBMIT.source];

export function thankYouPage(action: string, rating: number, commented: boolean): string {
  const form = commented
    ? '<p>We have your comment too. Thank you for taking the time.</p>'
    : `<form method="post" action="${escape(action)}">
<input type="hidden" name="rating" value="${rating}">
<p><label for="comment">Anything you would like to add? (optional)</label></p>
<textarea id="comment" name="comment" maxlength="5000"></textarea>
<p><button type="submit">Send comment</button></p></form>`;
  return page(
    'Thank you!',
    `<p>You rated us <strong>${rating} (${RATING_LABELS[rating]})</strong>.</p>${form}`,
  );
}

/**
 * What a survey link opens: the rating form with the clicked rating preselected, an optional
 * comment, and one button that records it (a POST). In a browser the form sends itself at once,
 * so one click on a rating records it and lands on the thank-you page with the comment form;
 * the link scanners of mail providers, which fetch every link in a message without running
 * pages, record nothing. Without JavaScript the button does it.
 */
export function ratingFormPage(action: string, preselected: number | undefined): string {
  const choices = [1, 2, 3, 4, 5]
    .map(
      (rating) =>
        `<label class="rate"><input type="radio" name="rating" value="${rating}"${rating === preselected ? ' checked' : ''} required> ${rating} – ${RATING_LABELS[rating]}</label>`,
    )
    .join('\n');
  const question = preselected
    ? `<p>You chose <strong>${preselected} (${RATING_LABELS[preselected]})</strong>. Press the button to send it — or pick another rating first.</p>`
    : '<p>Choose a rating from 1 (poor) to 5 (excellent):</p>';
  return page(
    'How did we do?',
    `${question}<form id="rating-form" method="post" action="${escape(action)}">
<p>${choices}</p>
<p><label for="comment">Anything you would like to add? (optional)</label></p>
<textarea id="comment" name="comment" maxlength="5000"></textarea>
<p><button type="submit">Send my rating</button></p></form>${preselected ? `\n${AUTO_SUBMIT.tag}` : ''}`,
  );
}

export function problemPage(title: string, detail: string): string {
  return page(title, `<p>${escape(detail)}</p>`);
}
