import { BILLING_CATEGORIES } from '@ledgerdesk/contracts';
import { escapeHtml, publicPage } from '@ledgerdesk/shared';
import { ContactField, ContactValues } from './contact-form';

const STYLE =
  'label{display:block;margin:.8rem 0 .2rem;font-weight:600}input,select{width:100%;padding:.4rem}' +
  'textarea{min-height:9rem}.problem{color:#b42318;margin:.2rem 0}.hidden{position:absolute;left:-10000px}' +
  'button{margin-top:1rem;padding:.5rem 1rem}';

const topic = (category: string): string => {
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function field(
  name: ContactField,
  label: string,
  control: string,
  problems: Partial<Record<ContactField, string>>,
): string {
  const problem = problems[name];
  return `<label for="${name}">${escapeHtml(label)}</label>${control}${
    problem ? `<p class="problem" id="${name}-problem">${escapeHtml(problem)}</p>` : ''
  }`;
}

const aria = (name: ContactField, problems: Partial<Record<ContactField, string>>): string =>
  problems[name] ? ` aria-invalid="true" aria-describedby="${name}-problem"` : '';

/** The contact form and the web chat's start form: the same fields, but a chat has no subject. */
const FORMS = {
  contact: {
    title: 'Contact billing support',
    intro:
      'Questions about an invoice, a charge, a payment or a refund? Write to us here; we answer by email. ' +
      'Prefer to talk now? <a href="/chat">Start a chat</a>.',
    action: '/contact',
    message: 'How can we help?',
    button: 'Send',
  },
  chat: {
    title: 'Chat with billing support',
    intro:
      'Ask about an invoice, a charge, a payment or a refund, and an agent answers here. ' +
      'If you leave the chat, we send our answers to your email address.',
    action: '/chat',
    message: 'What would you like to ask?',
    button: 'Start chat',
  },
} as const;

/** The contact form (or the web chat's start form), with what was typed and the problems of a refused attempt. */
export function contactFormPage(
  values: ContactValues,
  problems: Partial<Record<ContactField, string>> = {},
  kind: keyof typeof FORMS = 'contact',
): string {
  const form = FORMS[kind];
  const input = (name: ContactField, attributes: string) =>
    `<input id="${name}" name="${name}" value="${escapeHtml(values[name])}"${attributes}${aria(name, problems)}>`;
  const options = ['', ...BILLING_CATEGORIES]
    .map(
      (category) =>
        `<option value="${category}"${category === values.category ? ' selected' : ''}>${
          category ? escapeHtml(topic(category)) : 'Choose a topic (optional)'
        }</option>`,
    )
    .join('');
  const summary =
    Object.keys(problems).length > 0
      ? '<p class="problem" role="alert">We could not send your request yet: please check the fields marked below.</p>'
      : '';
  const subject =
    kind === 'contact'
      ? field('subject', 'Subject', input('subject', ' required maxlength="300"'), problems)
      : '';
  return publicPage(
    form.title,
    `<p>${form.intro}</p>
${summary}<form method="post" action="${form.action}" novalidate>
${field('name', 'Your name (optional)', input('name', ' autocomplete="name" maxlength="200"'), problems)}
${field('email', 'Your email address', input('email', ' type="email" autocomplete="email" required maxlength="320"'), problems)}
${field('category', 'Topic', `<select id="category" name="category"${aria('category', problems)}>${options}</select>`, problems)}
${field('reference', 'Account or invoice number (optional)', input('reference', ' maxlength="100"'), problems)}
${subject}
${field(
  'message',
  form.message,
  `<textarea id="message" name="message" required${aria('message', problems)}>${escapeHtml(values.message)}</textarea>`,
  problems,
)}
<div class="hidden" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${form.button}</button></form>`,
    STYLE,
  );
}

export function contactThanksPage(ticketNumber: string | null, email: string): string {
  const reference = ticketNumber
    ? `<p>Your request is <strong>${escapeHtml(ticketNumber)}</strong>. Please quote it if you write to us again.</p>`
    : '';
  return publicPage(
    'Thank you, we have your request',
    `${reference}<p>We will answer by email at <strong>${escapeHtml(email)}</strong>.</p>`,
    STYLE,
  );
}

export function contactBusyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return publicPage(
    'Please try again later',
    `<p>We have received several requests from your network in a short time. Please try again in ${minutes} minute${
      minutes === 1 ? '' : 's'
    }, or write to us by email.</p>`,
    STYLE,
  );
}
