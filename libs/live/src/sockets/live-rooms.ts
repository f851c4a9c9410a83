/** Rooms a connection joins, so pushes can target one agent, a team, all supervisors or a ticket's watchers. */
export const liveRooms = {
  agent: (agentId: string): string => `agent:${agentId}`,
  team: (teamId: string): string => `team:${teamId}`,
  supervisors: 'supervisors',
  ticket: (ticketId: string): string => `ticket:${ticketId}`,
} as const;
