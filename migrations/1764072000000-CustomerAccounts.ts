import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer accounts with their billing context: contacts, invoices and lines, payments and
 * their allocations, adjustments (credit/debit notes, refunds) under maker–checker, links from
 * tickets, and the audit log of billing actions. Money is bigint minor units plus an ISO 4217
 * currency; dates that are calendar dates (issue, due) are `date`, moments are `timestamptz`.
 */
export class CustomerAccounts1764072000000 implements MigrationInterface {
  name = 'CustomerAccounts1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (length(trim(number)) BETWEEN 1 AND 64),
        name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        billing_address jsonb,
        tax_id text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_accounts_name_trgm_idx ON customer_accounts USING gin (name gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE account_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES customer_accounts (id) ON DELETE CASCADE,
        email text,
        phone text,
        phone_digits text GENERATED ALWAYS AS (nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')) STORED,
        name text,
        verified boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (email IS NOT NULL OR phone IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX account_contacts_account_idx ON account_contacts (account_id)`);
    await queryRunner.query(
      `CREATE INDEX account_contacts_email_idx ON account_contacts (lower(email)) WHERE email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX account_contacts_phone_idx ON account_contacts (phone_digits) WHERE phone_digits IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES customer_accounts (id),
        number text NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 64),
        currency char(3) NOT NULL,
        issue_date date NOT NULL,
        due_date date NOT NULL,
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        voided_at timestamptz,
        void_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, number),
        CHECK (due_date >= issue_date)
      )`);
    await queryRunner.query(`CREATE INDEX invoices_account_due_idx ON invoices (account_id, due_date)`);

    await queryRunner.query(`
      CREATE TABLE invoice_lines (
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        position integer NOT NULL,
        description text NOT NULL,
        quantity numeric(14, 4) NOT NULL CHECK (quantity > 0),
        unit_price_minor bigint NOT NULL,
        amount_minor bigint NOT NULL,
        PRIMARY KEY (invoice_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE invoice_disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        reason text NOT NULL,
        opened_by uuid REFERENCES agents (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        resolution text,
        resolved_by uuid REFERENCES agents (id),
        resolved_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX invoice_disputes_one_open_idx ON invoice_disputes (invoice_id) WHERE resolved_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES customer_accounts (id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'wallet', 'other')),
        reference text NOT NULL CHECK (length(trim(reference)) BETWEEN 1 AND 200),
        received_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES agents (id),
        reversed_at timestamptz,
        reversal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, reference)
      )`);

    await queryRunner.query(`
      CREATE TABLE payment_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        applied_at timestamptz NOT NULL,
        allocated_by uuid REFERENCES agents (id),
        removed_at timestamptz,
        removed_by uuid REFERENCES agents (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES customer_accounts (id),
        kind text NOT NULL CHECK (kind IN ('credit_note', 'debit_note', 'refund')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        reason_code text NOT NULL,
        memo text,
        invoice_id uuid REFERENCES invoices (id),
        status text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected')),
        made_by uuid REFERENCES agents (id),
        made_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES agents (id),
        decided_at timestamptz,
        decision_note text,
        effective_at timestamptz,
        CHECK ((status = 'approved') = (effective_at IS NOT NULL)),
        CHECK (decided_by IS NULL OR decided_by IS DISTINCT FROM made_by)
      )`);
    await queryRunner.query(`CREATE INDEX adjustments_account_idx ON adjustments (account_id, status)`);
    await queryRunner.query(
      `CREATE INDEX adjustments_invoice_idx ON adjustments (invoice_id) WHERE invoice_id IS NOT NULL`,
    );

    await queryRunner.query(
      `ALTER TABLE tickets ADD COLUMN customer_account_id uuid REFERENCES customer_accounts (id)`,
    );
    await queryRunner.query(
      `CREATE INDEX tickets_customer_account_idx ON tickets (customer_account_id, category, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE ticket_billing_links (
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        entity_type text NOT NULL CHECK (entity_type IN ('invoice', 'payment')),
        entity_id uuid NOT NULL,
        linked_by uuid REFERENCES agents (id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, entity_type, entity_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE billing_audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES agents (id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES customer_accounts (id),
        ticket_id uuid REFERENCES tickets (id),
        corrects_id bigint REFERENCES billing_audit_log (id),
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(
      `ALTER TABLE payment_allocations ADD COLUMN audit_id bigint REFERENCES billing_audit_log (id)`,
    );
    await queryRunner.query(
      `CREATE INDEX billing_audit_log_account_idx ON billing_audit_log (account_id, at)`,
    );
    await queryRunner.query(`CREATE INDEX billing_audit_log_actor_idx ON billing_audit_log (actor_id, at)`);
    await queryRunner.query(`CREATE INDEX billing_audit_log_entity_idx ON billing_audit_log (entity_id)`);
    await queryRunner.query(`
      CREATE FUNCTION forbid_history_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER billing_audit_log_append_only BEFORE UPDATE OR DELETE ON billing_audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_history_changes()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payment_allocations DROP COLUMN audit_id`);
    await queryRunner.query(`DROP TABLE billing_audit_log`);
    await queryRunner.query(`DROP FUNCTION forbid_history_changes()`);
    await queryRunner.query(`DROP TABLE ticket_billing_links`);
    await queryRunner.query(`ALTER TABLE tickets DROP COLUMN customer_account_id`);
    for (const table of [
      'adjustments',
      'payment_allocations',
      'payments',
      'invoice_disputes',
      'invoice_lines',
      'invoices',
      'account_contacts',
      'customer_accounts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
