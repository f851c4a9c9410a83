import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What another part of the desk does when an agent is deactivated, inside that transaction. */
export type AgentDeactivationStep = (
  manager: EntityManager,
  deactivated: { agentId: string; actorId: string },
) => Promise<void>;

/**
 * Work that must leave an agent when an admin deactivates them, done in the transaction of the
 * deactivation. Libraries that depend on this one (tickets: open work sessions, assigned tickets)
 * register their step at start-up; this library cannot import them.
 */
@Injectable()
export class AgentDeactivationSteps {
  private readonly steps: AgentDeactivationStep[] = [];

  register(step: AgentDeactivationStep): void {
    this.steps.push(step);
  }

  async run(manager: EntityManager, deactivated: { agentId: string; actorId: string }): Promise<void> {
    for (const step of this.steps) await step(manager, deactivated);
  }
}
