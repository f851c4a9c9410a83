/**
 * The script of a chat page (PUBLIC_URL/chat/client.js; the request page of a `chat` ticket
 * loads it after socket.io's client, /socket.io/socket.io.min.js). It connects to the `/chat`
 * namespace with the page's token, shows what arrives (the desk's replies, the status, who is
 * writing) and sends the form's message over the socket, resending once with the same id when
 * no answer came. The desk's replies shown while the page is visible are reported seen
 * (`chat.seen`), so their emails are not sent. Without a connection the form posts as on any
 * request page. Plain ES2017
 * for every browser the desk's customers use; text goes in with textContent, never as HTML.
 */
export const CHAT_CLIENT_SCRIPT = `(function () {
  'use strict';
  var page = document.getElementById('chat');
  if (!page || typeof io !== 'function') return;
  var log = document.getElementById('chat-log');
  var form = document.getElementById('chat-form');
  var text = document.getElementById('message');
  var send = document.getElementById('chat-send');
  var problem = document.getElementById('chat-problem');
  var typing = document.getElementById('chat-typing');
  var status = document.getElementById('chat-status');
  var connection = document.getElementById('chat-connection');
  var live = document.getElementById('live');
  var socket = io('/chat', { auth: { token: page.getAttribute('data-token') } });

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  function when(at) {
    return new Date(at).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC';
  }
  function show(message) {
    var shown = log.querySelectorAll('[data-message-id]');
    for (var i = 0; i < shown.length; i++) if (shown[i].getAttribute('data-message-id') === message.id) return;
    var article = element('article', 'message ' + message.from);
    article.setAttribute('data-message-id', message.id);
    var head = element('p');
    var who = message.from === 'customer' ? 'You' : message.agentName ? message.agentName + ', billing desk' : 'Billing desk';
    head.appendChild(element('span', 'who', who));
    head.appendChild(document.createTextNode(' · '));
    head.appendChild(element('span', 'when', when(message.at)));
    article.appendChild(head);
    article.appendChild(element('p', 'text', message.text));
    log.appendChild(article);
    if (article.scrollIntoView) article.scrollIntoView({ block: 'end' });
  }
  function showStatus(state) {
    status.textContent = state.description;
    if (!state.acceptsMessages && form) {
      form.remove();
      form = null;
      var closed = element('p', '', 'To ask something new, ');
      var link = element('a', '', 'start a new chat');
      link.href = '/chat';
      closed.appendChild(link);
      closed.appendChild(document.createTextNode('.'));
      closed.id = 'chat-closed';
      log.parentNode.insertBefore(closed, live);
    }
  }
  function say(node, words) {
    node.textContent = words || '';
    node.hidden = !words;
  }
  var unseen = [];
  function seen(messages) {
    messages.forEach(function (message) {
      if (message.from === 'desk') unseen.push(message.id);
    });
    reportSeen();
  }
  function reportSeen() {
    if (document.hidden || !socket.connected || unseen.length === 0) return;
    socket.emit('chat.seen', { messageIds: unseen.splice(0, 100) });
    reportSeen();
  }
  document.addEventListener('visibilitychange', reportSeen);
  function newId() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : undefined;
  }

  socket.on('connect', function () {
    live.setAttribute('data-chat-live', '');
    say(connection, '');
    reportSeen();
  });
  socket.on('disconnect', function (reason) {
    live.removeAttribute('data-chat-live');
    // The desk ended it (the link was replaced): the page now says why.
    if (reason === 'io server disconnect') return location.reload();
    say(connection, 'Reconnecting…');
  });
  socket.on('connect_error', function (error) {
    live.removeAttribute('data-chat-live');
    say(connection, socket.active ? 'Reconnecting…' : error.message);
  });
  socket.on('chat.conversation', function (conversation) {
    conversation.messages.forEach(show);
    showStatus(conversation);
    seen(conversation.messages);
  });
  socket.on('chat.message', function (message) {
    show(message);
    seen([message]);
  });
  socket.on('chat.status', showStatus);
  socket.on('chat.typing', function (state) {
    var names = state.agents;
    say(typing, names.length === 0 ? '' : names.join(' and ') + (names.length === 1 ? ' is' : ' are') + ' writing…');
  });

  function attempt(value, clientId, retried) {
    socket.timeout(10000).emit('chat.send', { text: value, clientId: clientId }, function (error, ack) {
      if (error && clientId && !retried) return attempt(value, clientId, true);
      send.disabled = false;
      if (error || !ack || !ack.ok) {
        say(problem, (ack && ack.error) || 'Your message was not sent: please try again.');
        return;
      }
      say(problem, '');
      if (text.value.trim() === value) text.value = '';
      show(ack.message);
    });
  }
  if (form) {
    form.addEventListener('submit', function (event) {
      if (!socket.connected) return;
      event.preventDefault();
      var value = text.value.trim();
      if (!value || send.disabled) return;
      send.disabled = true;
      attempt(value, newId(), false);
    });
    text.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && form) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : send.click();
      }
    });
  }
})();
`;
