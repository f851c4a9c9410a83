import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '@ledgerdesk/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ReplyTemplateDto, ReplyTemplateView } from './reply-template.dto';

const SELECT_TEMPLATES = `
  SELECT r.id, r.name, r.body, r.updated_by AS "updatedBy", a.name AS "updatedByName", r.updated_at AS "updatedAt"
    FROM reply_templates r LEFT JOIN agents a ON a.id = r.updated_by`;

/**
 * The desk's reply templates ("canned responses"): any agent reads and inserts them, supervisors
 * and admins write them. Names are unique in any letter case; a body may only use the known
 * placeholders, so a typo is found when the template is saved, not when a customer reads it.
 */
@Injectable()
export class ReplyTemplates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ReplyTemplateView[]> {
    return this.dataSource.query(`${SELECT_TEMPLATES} ORDER BY lower(r.name), r.id`);
  }

  async create(template: ReplyTemplateDto, agent: AuthenticatedAgent): Promise<ReplyTemplateView> {
    assertKnownPlaceholders(template.body);
    return this.dataSource.transaction(async (manager) => {
      await assertNameFree(manager, template.name, null);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO reply_templates (name, body, created_by, updated_by) VALUES ($1, $2, $3, $3) RETURNING id`,
        [template.name, template.body, agent.id],
      );
      return this.one(manager, id);
    });
  }

  async update(
    id: string,
    template: ReplyTemplateDto,
    agent: AuthenticatedAgent,
  ): Promise<ReplyTemplateView> {
    assertKnownPlaceholders(template.body);
    return this.dataSource.transaction(async (manager) => {
      await assertNameFree(manager, template.name, id);
      const updated = await manager.query<unknown[]>(
        `WITH updated AS (UPDATE reply_templates SET name = $2, body = $3, updated_by = $4, updated_at = now()
                           WHERE id = $1 RETURNING id)
         SELECT id FROM updated`,
        [id, template.name, template.body, agent.id],
      );
      if (updated.length === 0) throw new NotFoundException(`No reply template with id ${id}`);
      return this.one(manager, id);
    });
  }

  async remove(id: string): Promise<void> {
    const deleted = await this.dataSource.query<unknown[]>(
      // As a SELECT: TypeORM answers a bare DELETE with [rows, count].
      `WITH deleted AS (DELETE FROM reply_templates WHERE id = $1 RETURNING id) SELECT id FROM deleted`,
      [id],
    );
    if (deleted.length === 0) throw new NotFoundException(`No reply template with id ${id}`);
  }

  private async one(manager: EntityManager, id: string): Promise<ReplyTemplateView> {
    const [template] = await manager.query<ReplyTemplateView[]>(`${SELECT_TEMPLATES} WHERE r.id = $1`, [id]);
    return template;
  }
}

function assertKnownPlaceholders(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length === 0) return;
  const problem =
    `uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{{${name}}}`).join(', ')}` +
    ` (known: ${TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')})`;
  throw new BadRequestException({
    message: `body ${problem}`,
    details: [{ field: 'body', problems: [problem] }],
  });
}

/** Locks the name (in any letter case) for this transaction, so two writers cannot both take it. */
async function assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('reply_templates:' || lower($1), 0))`, [
    name,
  ]);
  const [taken] = await manager.query<{ id: string }[]>(
    `SELECT id FROM reply_templates WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [name, exceptId],
  );
  if (taken) {
    throw new ConflictException({
      message: `A reply template named ${JSON.stringify(name)} exists`,
      details: [{ field: 'name', problems: ['is taken by another template'] }],
    });
  }
}
