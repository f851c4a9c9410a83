import { DataSource } from 'typeorm';

/**
 * Replies of a web chat that the customer has seen on the chat page are not emailed: those of
 * `messageIds` still waiting (the outbox holds chat replies CHAT_REPLY_MAIL_DELAY_SECONDS) end
 * `ignored`, with the reason shown in the ticket's Email panel. Returns how many it stopped.
 */
export async function stopRepliesSeenInChat(
  dataSource: DataSource,
  ticketId: string,
  messageIds: readonly string[],
): Promise<number> {
  const stopped = await dataSource.query<{ id: string }[]>(
    `WITH stopped AS (
       UPDATE mail_messages SET status = 'ignored', status_reason = 'Seen by the customer in the web chat'
        WHERE direction = 'outbound' AND outbound_kind = 'reply' AND status = 'queued'
          AND ticket_id = $1 AND ticket_message_id = ANY($2::uuid[])
       RETURNING id)
     SELECT id FROM stopped`,
    [ticketId, messageIds],
  );
  return stopped.length;
}
