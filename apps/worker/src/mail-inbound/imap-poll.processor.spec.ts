import { imapOptions } from './imap-poll.processor';

describe('imapOptions', () => {
  it('reads host, port, TLS, credentials and mailbox from IMAP_URL', () => {
    expect(imapOptions('imaps://desk%40example.com:p%40ss@imap.example.com/Support%20Inbox')).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      auth: { user: 'desk@example.com', pass: 'p@ss' },
      mailbox: 'Support Inbox',
    });
  });

  it('defaults to port 143 without TLS and to INBOX', () => {
    expect(imapOptions('imap://u:p@127.0.0.1')).toMatchObject({ port: 143, secure: false, mailbox: 'INBOX' });
  });
});
