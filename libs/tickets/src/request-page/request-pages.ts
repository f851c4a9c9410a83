import { escapeHtml, inlineScript, publicPage } from '@ledgerdesk/shared';
import { MAX_BODY_LENGTH } from '../create-ticket/create-ticket.dto';
import { acceptsMessages, RequestConversation } from './request-conversation.query';
import { statusLine } from './request-status';

const STYLE =
  '.status{padding:.6rem .8rem;border-radius:6px;background:#eef3ff}.message{border-left:4px solid #94a3b8;' +
  'padding:.4rem .8rem;margin:.8rem 0}.message.desk{border-color:#16a34a;background:#f0fdf4}' +
  '.who{font-weight:600}.when{color:#56606e;font-size:.85rem}.text{white-space:pre-wrap;margin:.3rem 0 0}' +
  '.problem{color:#b42318}.done{color:#166534}label{display:block;margin:1rem 0 .2rem;font-weight:600}' +
  'button{margin-top:.8rem;padding:.5rem 1rem}';

/** How often an open request page asks whether the conversation changed. */
export const REQUEST_PAGE_POLL_SECONDS = 10;

/**
 * Keeps an open request page current: every REQUEST_PAGE_POLL_SECONDS while the tab is visible
 * it asks `<page>/state` whether the conversation changed (a reply, a status) and then shows it,
 * unless the customer is writing: then it says there is something new and waits for them.
 */
const LIVE_REFRESH = inlineScript(
  "(function(){var live=document.getElementById('live');if(!live)return;" +
    "var seen=live.getAttribute('data-version');" +
    "setInterval(function(){if(document.hidden||live.hasAttribute('data-chat-live'))return;" +
    "fetch(location.pathname+'/state',{cache:'no-store'}).then(function(r){return r.ok?r.json():null})" +
    '.then(function(state){if(!state||state.version===seen)return;' +
    "var text=document.getElementById('message');" +
    "if(text&&text.value.trim()){document.getElementById('fresh').hidden=false;return;}" +
    "location.replace(location.pathname);})['catch'](function(){});}," +
    `${REQUEST_PAGE_POLL_SECONDS * 1000});})();`,
);

/** The request pages' inline scripts, as Content-Security-Policy sources (the desk allows these). */
export const REQUEST_PAGE_INLINE_SCRIPT_SOURCES: readonly string[] = [LIVE_REFRESH.source];

const when = (at: Date): string =>
  `${at.toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC`;

/**
 * A customer's request: its status, the public conversation and a form to add a message. A chat
 * (`chat` channel) is the same page, made live by /chat/client.js over the `/chat` namespace:
 * without JavaScript it is a plain form, like any request.
 */
export function requestPage(
  conversation: RequestConversation,
  form: { action: string; message?: string; problem?: string; added?: boolean; token?: string },
): string {
  const chat = conversation.channel === 'chat' && form.token !== undefined;
  const messages = conversation.messages
    .map(
      (message) => `<article class="message ${message.from}" data-message-id="${escapeHtml(message.id)}">
<p><span class="who">${message.from === 'customer' ? 'You' : escapeHtml(message.agentName ? `${message.agentName}, billing desk` : 'Billing desk')}</span> · <span class="when">${escapeHtml(when(message.at))}</span></p>
<p class="text">${escapeHtml(message.text)}</p></article>`,
    )
    .join('\n');
  const added = form.added ? '<p class="done" role="status">Thank you, we have added your message.</p>' : '';
  const write = acceptsMessages(conversation)
    ? `<form method="post" action="${escapeHtml(form.action)}" id="chat-form">
<label for="message">Add a message</label>
<textarea id="message" name="message" required maxlength="${MAX_BODY_LENGTH}"${form.problem ? ' aria-invalid="true" aria-describedby="message-problem"' : ''}>${escapeHtml(form.message ?? '')}</textarea>
${form.problem ? `<p class="problem" id="message-problem">${escapeHtml(form.problem)}</p>` : ''}
${chat ? '<p class="when">Enter sends; Shift+Enter starts a new line.</p><p class="problem" id="chat-problem" role="alert" hidden></p>' : ''}<button type="submit" id="chat-send">Send</button></form>`
    : `${form.problem ? `<p class="problem" role="alert">${escapeHtml(form.problem)}</p>` : ''}<p id="chat-closed">To ask something new, <a href="${conversation.channel === 'chat' ? '/chat">start a new chat' : '/contact">write to us again'}</a>.</p>`;
  const chatState = chat
    ? `<p class="when" id="chat-typing" aria-live="polite" hidden></p>
<p class="when" id="chat-connection" role="status" hidden></p>`
    : '';
  const live = chat
    ? `<div id="chat" data-token="${escapeHtml(form.token ?? '')}" hidden></div>
<script src="/socket.io/socket.io.min.js"></script><script src="/chat/client.js"></script>`
    : '';
  return publicPage(
    `${chat ? 'Your chat' : 'Your request'} ${conversation.number}`,
    `<p><strong>${escapeHtml(conversation.subject)}</strong></p>
<p class="status" id="chat-status">${escapeHtml(statusLine(conversation))}</p>
${added}
<div id="chat-log" aria-live="polite">${messages}</div>
${chatState}<p class="done" id="fresh" role="status" hidden>There is something new: it shows when you send your message, or <a href="">now</a>.</p>
${write}
<div id="live" data-version="${escapeHtml(conversation.version)}" hidden></div>${LIVE_REFRESH.tag}${live}`,
    STYLE,
  );
}

const REFUSED_LINKS = {
  expired: ['This link has expired', 'Links to a request work for six months.'],
  invalid: ['This link does not work', 'Please check that the whole link from our email was opened.'],
  replaced: [
    'This link has been replaced',
    'We have stopped this link at your or our request; our next email about this request has a new one.',
  ],
} as const;

/** A link that is forged, mistyped, for a ticket that is gone, too old, or reset by an agent. */
export function requestLinkPage(refused: keyof typeof REFUSED_LINKS): string {
  const [title, reason] = REFUSED_LINKS[refused];
  return publicPage(
    title,
    `<p>${reason} You can <a href="/contact">write to us</a>, or reply to our email.</p>`,
  );
}
