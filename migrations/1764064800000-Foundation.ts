import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents, teams, authentication records, tickets and the append-only interaction log.
 * Enumerations are text columns with CHECK constraints so later migrations can extend them
 * without the ALTER TYPE restrictions of PostgreSQL enums.
 */
export class Foundation1764064800000 implements MigrationInterface {
  name = 'Foundation1764064800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX teams_name_key ON teams (lower(name))`);

    await queryRunner.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (position('@' in email) > 1),
        name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available', 'away', 'offline')),
        presence_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX agents_email_key ON agents (lower(email))`);

    await queryRunner.query(`
      CREATE TABLE agent_teams (
        agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        PRIMARY KEY (agent_id, team_id)
      )`);
    await queryRunner.query(`CREATE INDEX agent_teams_team_idx ON agent_teams (team_id)`);

    await queryRunner.query(`
      CREATE TABLE agent_events (
        id bigserial PRIMARY KEY,
        agent_id uuid NOT NULL REFERENCES agents (id),
        type text NOT NULL,
        actor_id uuid REFERENCES agents (id),
        at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX agent_events_agent_at_idx ON agent_events (agent_id, at)`);

    await queryRunner.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        agent_id uuid REFERENCES agents (id),
        succeeded boolean NOT NULL,
        reason text,
        ip text,
        user_agent text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX login_attempts_email_at_idx ON login_attempts (lower(email), at)`);

    await queryRunner.query(`CREATE SEQUENCE ticket_number_seq START WITH 1001`);
    await queryRunner.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
        external_key text UNIQUE,
        subject text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'web', 'api')),
        category text NOT NULL DEFAULT 'other' CHECK (category IN (
          'invoice_question', 'incorrect_charge', 'payment_not_applied', 'refund_request',
          'duplicate_charge', 'payment_method', 'plan_change', 'account_update', 'collections', 'other')),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
        requester_email text,
        requester_phone text,
        requester_name text,
        assignee_id uuid REFERENCES agents (id),
        team_id uuid REFERENCES teams (id),
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        solved_at timestamptz,
        closed_at timestamptz
      )`);
    await queryRunner.query(`ALTER SEQUENCE ticket_number_seq OWNED BY tickets.number`);
    await queryRunner.query(`CREATE INDEX tickets_status_idx ON tickets (status)`);
    await queryRunner.query(`CREATE INDEX tickets_assignee_idx ON tickets (assignee_id)`);
    await queryRunner.query(`CREATE INDEX tickets_team_idx ON tickets (team_id)`);
    await queryRunner.query(`CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX tickets_tags_idx ON tickets USING gin (tags)`);
    await queryRunner.query(
      `CREATE INDEX tickets_subject_trgm_idx ON tickets USING gin (subject gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX tickets_requester_trgm_idx ON tickets USING gin ((coalesce(requester_email, '') || ' ' || coalesce(requester_name, '') || ' ' || coalesce(requester_phone, '')) gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE ticket_events (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        type text NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'customer', 'system')),
        actor_id uuid REFERENCES agents (id),
        at timestamptz NOT NULL DEFAULT now(),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'import')),
        external_id text UNIQUE,
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX ticket_events_ticket_at_idx ON ticket_events (ticket_id, at, id)`);
    await queryRunner.query(`CREATE INDEX ticket_events_type_at_idx ON ticket_events (type, at)`);
    // The log is the source of truth for every KPI: no code path may rewrite history.
    await queryRunner.query(`
      CREATE FUNCTION forbid_ticket_event_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION forbid_ticket_event_changes()`);
    await queryRunner.query(`
      CREATE TRIGGER ticket_events_no_truncate BEFORE TRUNCATE ON ticket_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_ticket_event_changes()`);

    await queryRunner.query(`
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        event_id bigint NOT NULL UNIQUE REFERENCES ticket_events (id),
        kind text NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
        author_agent_id uuid REFERENCES agents (id),
        body_html text NOT NULL,
        body_text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE ticket_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        event_id bigint NOT NULL UNIQUE REFERENCES ticket_events (id),
        agent_id uuid NOT NULL REFERENCES agents (id),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        hold_seconds integer NOT NULL DEFAULT 0 CHECK (hold_seconds >= 0),
        wrap_up_seconds integer NOT NULL DEFAULT 0 CHECK (wrap_up_seconds >= 0),
        outcome text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ended_at >= started_at),
        CHECK (hold_seconds <= extract(epoch FROM ended_at - started_at))
      )`);
    await queryRunner.query(`CREATE INDEX ticket_calls_ticket_idx ON ticket_calls (ticket_id, started_at)`);
    await queryRunner.query(`CREATE INDEX ticket_calls_agent_idx ON ticket_calls (agent_id, started_at)`);

    await queryRunner.query(`
      CREATE TABLE work_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        agent_id uuid NOT NULL REFERENCES agents (id),
        started_at timestamptz NOT NULL,
        last_heartbeat_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('stopped', 'idle', 'imported')),
        end_event_id bigint UNIQUE REFERENCES ticket_events (id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX work_sessions_one_open_idx ON work_sessions (agent_id, ticket_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX work_sessions_open_heartbeat_idx ON work_sessions (last_heartbeat_at) WHERE ended_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'work_sessions',
      'ticket_calls',
      'ticket_messages',
      'ticket_events',
      'tickets',
      'login_attempts',
      'agent_events',
      'agent_teams',
      'agents',
      'teams',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION forbid_ticket_event_changes()`);
  }
}
