import type Database from 'better-sqlite3'

/**
 * A schema version. `rebuildsTables` marks a step that recreates a table (SQLite cannot change a
 * CHECK constraint in place): it runs with foreign keys off, as SQLite's own procedure for such
 * changes says, and the foreign keys are checked before it commits.
 */
type Migration = { version: number; name: string; sql: string; rebuildsTables?: boolean }

/** Schema versions, applied in order; `PRAGMA user_version` records the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registration, staff, cards, stars, audit, requests',
    sql: `
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        openid TEXT NOT NULL UNIQUE,
        unionid TEXT,
        status TEXT NOT NULL,
        real_name TEXT NOT NULL,
        mobile_enc TEXT NOT NULL,
        mobile_hash TEXT NOT NULL UNIQUE,
        shop_name TEXT NOT NULL,
        shop_address TEXT NOT NULL,
        licence_enc TEXT NOT NULL,
        licence_hash TEXT NOT NULL UNIQUE,
        birthday TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        referral_code TEXT UNIQUE,
        referred_by TEXT REFERENCES members(id),
        channel TEXT,
        card_no TEXT UNIQUE,
        reject_reason TEXT,
        submitted_at TEXT NOT NULL,
        reviewed_at TEXT,
        reviewed_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE INDEX members_by_status ON members(status, submitted_at, id);

      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        openid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE cards (
        card_no TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        issued_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX cards_one_active_per_member ON cards(member_id) WHERE status = 'active';

      CREATE TABLE member_stars (
        member_id TEXT NOT NULL REFERENCES members(id),
        year INTEGER NOT NULL,
        star INTEGER NOT NULL CHECK (star BETWEEN 1 AND 5),
        source TEXT NOT NULL,
        reason TEXT,
        granted_at TEXT NOT NULL,
        PRIMARY KEY (member_id, year)
      );

      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        reason TEXT,
        request_id TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX audit_by_target ON audit_log(target_type, target_id, at);

      CREATE TABLE requests (
        request_id TEXT PRIMARY KEY,
        openid TEXT NOT NULL,
        fn TEXT NOT NULL,
        action TEXT NOT NULL,
        result_json TEXT NOT NULL,
        at TEXT NOT NULL
      );

      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'points: accounts with open lots, ledger, reward catalogue, vouchers',
    sql: `
      CREATE TABLE points_accounts (
        member_id TEXT PRIMARY KEY REFERENCES members(id),
        balance INTEGER NOT NULL CHECK (balance >= 0),
        lots_json TEXT NOT NULL,
        version INTEGER NOT NULL
      );

      CREATE TABLE points_ledger (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        type TEXT NOT NULL CHECK (type IN ('earn', 'redeem', 'expire', 'adjust', 'reverse')),
        label TEXT NOT NULL,
        points INTEGER NOT NULL CHECK (points <> 0),
        reference TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        request_id TEXT,
        at TEXT NOT NULL,
        takes_json TEXT NOT NULL,
        lot_id TEXT,
        note TEXT
      );
      CREATE INDEX points_ledger_by_member ON points_ledger(member_id, at, id);
      -- Append-only: the ledger is corrected by new entries, never edited.
      CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
      CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;

      CREATE TABLE reward_items (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        image_url TEXT,
        points_price INTEGER NOT NULL CHECK (points_price > 0),
        stock INTEGER NOT NULL CHECK (stock >= 0),
        face_value_fen INTEGER,
        available_from TEXT,
        available_until TEXT,
        active INTEGER NOT NULL,
        version INTEGER NOT NULL
      );

      CREATE TABLE vouchers (
        code TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        item_id TEXT NOT NULL REFERENCES reward_items(id),
        item_name TEXT NOT NULL,
        points INTEGER NOT NULL,
        face_value_fen INTEGER,
        pickup_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('issued', 'used')),
        entry_id TEXT NOT NULL REFERENCES points_ledger(id),
        issued_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX vouchers_by_member ON vouchers(member_id, issued_at);
    `,
  },
  {
    version: 3,
    name: 'notification outbox, batch job checkpoints',
    sql: `
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed'))
      );
      CREATE INDEX outbox_by_member ON outbox(member_id, created_at);
      CREATE INDEX outbox_pending ON outbox(status, created_at);

      CREATE TABLE job_runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done')),
        cursor TEXT NOT NULL,
        processed INTEGER NOT NULL,
        totals_json TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        version INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'member card secrets and single-use codes',
    sql: `
      ALTER TABLE cards ADD COLUMN secret_enc TEXT;
      ALTER TABLE cards ADD COLUMN secret_hash TEXT;
      ALTER TABLE cards ADD COLUMN last_accepted_step INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    name: 'who last verified a card, and when',
    sql: `
      ALTER TABLE cards ADD COLUMN last_scan_by TEXT;
      ALTER TABLE cards ADD COLUMN last_scan_at TEXT;
    `,
  },
  {
    version: 6,
    name: 'star thresholds and imports, club memberships, club suggestions',
    sql: `
      CREATE INDEX members_by_status_id ON members(status, id);

      CREATE TABLE star_rules (
        effective_year INTEGER PRIMARY KEY,
        thresholds_json TEXT NOT NULL,
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL
      );

      CREATE TABLE star_imports (
        year INTEGER PRIMARY KEY,
        rows_json TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        version INTEGER NOT NULL
      );

      CREATE TABLE club_memberships (
        member_id TEXT PRIMARY KEY REFERENCES members(id),
        state TEXT NOT NULL CHECK (state IN ('none', 'applied', 'active', 'rejected', 'grace',
          'exited', 'suspended', 'cancelled', 'withdrawn')),
        since TEXT NOT NULL,
        applied_at TEXT,
        joined_at TEXT,
        grace_year INTEGER,
        decided_by TEXT,
        reason TEXT,
        resume_state TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX club_by_state ON club_memberships(state, since, member_id);

      CREATE TABLE suggestions (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        answer TEXT,
        answered_by TEXT,
        answered_at TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX suggestions_by_member ON suggestions(member_id, created_at);
      CREATE INDEX suggestions_open ON suggestions(answered_at, created_at);
    `,
  },
  {
    version: 7,
    name: 'events and sign-ups',
    sql: `
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
        start_at TEXT NOT NULL,
        end_at TEXT NOT NULL,
        confirmed INTEGER NOT NULL,
        capacity INTEGER NOT NULL,
        no_shows_marked INTEGER NOT NULL,
        doc_json TEXT NOT NULL,
        version INTEGER NOT NULL,
        CHECK (confirmed >= 0 AND confirmed <= capacity)
      );
      CREATE INDEX events_by_status_start ON events(status, start_at);
      CREATE INDEX events_by_status_end ON events(status, end_at);

      CREATE TABLE event_signups (
        event_id TEXT NOT NULL REFERENCES events(id),
        member_id TEXT NOT NULL REFERENCES members(id),
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'applied', 'rejected',
          'cancelled')),
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        doc_json TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (event_id, member_id),
        UNIQUE (event_id, seq)
      );
      CREATE INDEX event_signups_by_status ON event_signups(event_id, status, seq);
      CREATE INDEX event_signups_by_member ON event_signups(member_id, created_at);
    `,
  },
  {
    version: 8,
    name: 'sanctions and appeals',
    sql: `
      CREATE TABLE sanctions (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        kind TEXT NOT NULL CHECK (kind IN ('warning', 'suspension', 'cancellation')),
        reason TEXT NOT NULL,
        ends_on TEXT,
        issued_by TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_force', 'ended', 'overturned')),
        appeal_text TEXT,
        appeal_filed_at TEXT,
        appeal_decision TEXT CHECK (appeal_decision IN ('upheld', 'overturned')),
        appeal_note TEXT,
        appeal_decided_by TEXT,
        appeal_decided_at TEXT,
        version INTEGER NOT NULL,
        CHECK ((kind = 'suspension') = (ends_on IS NOT NULL))
      );
      CREATE INDEX sanctions_by_member ON sanctions(member_id, issued_at);
      CREATE INDEX sanctions_by_issue ON sanctions(issued_at, id);
      CREATE INDEX sanctions_appeals_pending ON sanctions(appeal_filed_at, id)
        WHERE appeal_filed_at IS NOT NULL AND appeal_decision IS NULL;
      CREATE INDEX sanctions_suspensions_due ON sanctions(ends_on, id)
        WHERE kind = 'suspension' AND state = 'in_force';
    `,
  },
  {
    version: 9,
    name: 'complaints and suggestions with the 48-hour reply target',
    sql: `
      CREATE TABLE complaints (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        category TEXT NOT NULL CHECK (category IN ('service', 'product', 'points', 'event',
          'suggestion', 'other')),
        text TEXT NOT NULL,
        photos_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        answer TEXT,
        answered_by TEXT,
        answered_at TEXT,
        version INTEGER NOT NULL,
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      );
      CREATE INDEX complaints_by_member ON complaints(member_id, created_at, id);
      CREATE INDEX complaints_open_by_due ON complaints(due_at, id) WHERE answered_at IS NULL;
      CREATE INDEX complaints_by_answer ON complaints(answered_at, id) WHERE answered_at IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'withdrawal requests (privacy self-service)',
    sql: `
      CREATE TABLE withdrawals (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        reason TEXT,
        requested_at TEXT NOT NULL,
        due_on TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'cancelled')),
        confirmed_by TEXT,
        confirmed_at TEXT,
        cancelled_at TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX withdrawals_by_member ON withdrawals(member_id, requested_at);
      -- One open request per member.
      CREATE UNIQUE INDEX withdrawals_one_open ON withdrawals(member_id) WHERE status = 'requested';
      CREATE INDEX withdrawals_open_by_due ON withdrawals(due_on, requested_at, id)
        WHERE status = 'requested';
    `,
  },
  {
    version: 11,
    name: 'outbox delivery (claims, retries, at most once), subscriptions, broadcasts',
    // SQLite cannot change a CHECK constraint, so the outbox is copied into its new shape.
    sql: `
      CREATE TABLE outbox_v11 (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped',
          'unknown')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        sent_at TEXT,
        last_error TEXT,
        claimed_at TEXT,
        version INTEGER NOT NULL DEFAULT 1
      );
      INSERT INTO outbox_v11 (id, member_id, kind, payload_json, created_at, status,
          next_attempt_at)
        SELECT id, member_id, kind, payload_json, created_at, status, created_at FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_v11 RENAME TO outbox;
      CREATE INDEX outbox_by_member ON outbox(member_id, created_at);
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at, id);
      CREATE INDEX outbox_claimed ON outbox(status, claimed_at, id);
      CREATE INDEX outbox_sent ON outbox(status, sent_at, id);

      CREATE TABLE notification_subscriptions (
        member_id TEXT NOT NULL,
        template_key TEXT NOT NULL,
        credits INTEGER NOT NULL CHECK (credits >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (member_id, template_key)
      );
      CREATE INDEX notification_holders ON notification_subscriptions(template_key, member_id)
        WHERE credits > 0;

      CREATE TABLE notification_broadcasts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        template_key TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        audience_json TEXT,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done')),
        cursor TEXT NOT NULL,
        fanned_out INTEGER NOT NULL,
        finished_at TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX notification_broadcasts_open ON notification_broadcasts(status, created_at, id);
    `,
  },
  {
    version: 12,
    name: 'admin reports and the audit log search',
    sql: `
      CREATE INDEX audit_by_at ON audit_log(at, id);
      CREATE INDEX audit_by_actor ON audit_log(actor_id, at, id);
      CREATE INDEX audit_by_action ON audit_log(action, at, id);
      CREATE INDEX audit_by_target_id ON audit_log(target_id, at, id);
      CREATE INDEX points_ledger_by_at ON points_ledger(at);
      CREATE INDEX members_by_reviewed_at ON members(reviewed_at);
      CREATE INDEX member_stars_by_year ON member_stars(year, star);
    `,
  },
  {
    version: 13,
    name: 'complaint photos with their uploader, counted per member',
    sql: `
      CREATE TABLE photo_uploads (
        id TEXT PRIMARY KEY,
        owner_member_id TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        created_at TEXT NOT NULL,
        complaint_id TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX photo_uploads_by_owner ON photo_uploads(owner_member_id, created_at);
    `,
  },
  {
    version: 14,
    name: 'staff managed in the app: revoked accounts kept, versions, invites',
    sql: `
      ALTER TABLE staff ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'revoked'));
      ALTER TABLE staff ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX staff_by_created ON staff(created_at, id);

      CREATE TABLE staff_invites (
        id TEXT PRIMARY KEY,
        -- The code's SHA-256 only: the code itself is never stored.
        code_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin')),
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'used', 'cancelled')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        closed_by TEXT,
        closed_at TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX staff_invites_open ON staff_invites(created_at, id) WHERE status = 'open';
    `,
  },
  {
    version: 15,
    name: 'rate limits: one count per caller and rule, for the current window',
    sql: `
      CREATE TABLE rate_counts (
        key TEXT PRIMARY KEY,
        window INTEGER NOT NULL,
        count INTEGER NOT NULL,
        -- JSON array of the request ids counted in this window (a retry is not counted twice).
        recent TEXT NOT NULL
      );
    `,
  },
  {
    version: 16,
    name: 'complaint photos: where the WeChat media check of each stands',
    sql: `
      -- Photos filed before the check existed were seen by staff already: they stay shown.
      ALTER TABLE photo_uploads ADD COLUMN check_state TEXT NOT NULL DEFAULT 'pass'
        CHECK (check_state IN ('pending', 'pass', 'review', 'risky'));
      ALTER TABLE photo_uploads ADD COLUMN check_trace_id TEXT;
      CREATE UNIQUE INDEX photo_uploads_by_check_trace ON photo_uploads(check_trace_id)
        WHERE check_trace_id IS NOT NULL;
    `,
  },
  {
    version: 17,
    name: 'purchase entries keep the sale; a sale of less than ¥1 is recorded with 0 points',
    rebuildsTables: true,
    sql: `
      CREATE TABLE points_ledger_next (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        type TEXT NOT NULL CHECK (type IN ('earn', 'redeem', 'expire', 'adjust', 'reverse')),
        label TEXT NOT NULL,
        -- Only a purchase, with its sale on file, may move 0 points.
        points INTEGER NOT NULL CHECK (
          points <> 0 OR (type = 'earn' AND label = 'purchase' AND purchase_json IS NOT NULL)
        ),
        reference TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        request_id TEXT,
        at TEXT NOT NULL,
        takes_json TEXT NOT NULL,
        lot_id TEXT,
        note TEXT,
        purchase_json TEXT
      );
      INSERT INTO points_ledger_next (id, member_id, type, label, points, reference, actor_id,
          request_id, at, takes_json, lot_id, note)
        SELECT id, member_id, type, label, points, reference, actor_id, request_id, at,
          takes_json, lot_id, note
        FROM points_ledger;
      DROP TABLE points_ledger;
      ALTER TABLE points_ledger_next RENAME TO points_ledger;
      CREATE INDEX points_ledger_by_member ON points_ledger(member_id, at, id);
      CREATE INDEX points_ledger_by_at ON points_ledger(at);
      CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
      CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
        BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
    `,
  },
  {
    version: 18,
    name: "staff outlets (门店) on accounts and invites; a clerk's day read by actor and time",
    sql: `
      ALTER TABLE staff ADD COLUMN site TEXT;
      ALTER TABLE staff_invites ADD COLUMN site TEXT;
      CREATE INDEX points_ledger_by_actor ON points_ledger(actor_id, label, at);
      CREATE INDEX event_signups_by_checker ON event_signups(
        json_extract(doc_json, '$.checkedInBy'), json_extract(doc_json, '$.checkedInAt'));
    `,
  },
  {
    version: 19,
    name: 'the request that verified a card last, so its retry is answered',
    sql: `ALTER TABLE cards ADD COLUMN last_scan_request_id TEXT;`,
  },
  {
    version: 20,
    name: 'sign-ups queue for their event as request records, settled in arrival order',
    sql: `
      ALTER TABLE requests ADD COLUMN queued_json TEXT;
      ALTER TABLE requests ADD COLUMN queued_event_id TEXT;
      ALTER TABLE requests ADD COLUMN queued_at TEXT;
      CREATE INDEX requests_queued ON requests(queued_event_id, queued_at, request_id)
        WHERE queued_event_id IS NOT NULL;
      CREATE INDEX requests_queued_at ON requests(queued_at) WHERE queued_at IS NOT NULL;
    `,
  },
  {
    version: 21,
    name: 'the outbox indexes each hold the notifications of their one status',
    // A notification is added pending: with the whole table in every index, each insert also
    // wrote a page of the `sending` and the `sent` indexes (bench: 17 → 15 pages a purchase).
    sql: `
      DROP INDEX outbox_due;
      DROP INDEX outbox_claimed;
      DROP INDEX outbox_sent;
      CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX outbox_claimed ON outbox(claimed_at, id) WHERE status = 'sending';
      CREATE INDEX outbox_sent ON outbox(sent_at, id) WHERE status = 'sent';
    `,
  },
  {
    version: 22,
    name: 'a closed points account is marked closed',
    // A credit checks it in the same transaction (points-credit.ts). The accounts of members
    // closed before are marked with the closure's time; one with nothing on it is created closed.
    sql: `
      ALTER TABLE points_accounts ADD COLUMN closed_at TEXT;
      UPDATE points_accounts
        SET closed_at = (SELECT updated_at FROM members WHERE members.id = points_accounts.member_id)
        WHERE member_id IN (SELECT id FROM members WHERE status IN ('cancelled', 'withdrawn'));
      INSERT INTO points_accounts (member_id, balance, lots_json, version, closed_at)
        SELECT id, 0, '[]', 1, updated_at FROM members
        WHERE status IN ('cancelled', 'withdrawn')
          AND id NOT IN (SELECT member_id FROM points_accounts);
    `,
  },
]

/** Brings the database to the newest schema, each step in its own transaction. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  // Sorted, so a step is never skipped because a later one was listed before it.
  const steps = [...MIGRATIONS].sort((a, b) => a.version - b.version)
  for (const step of steps) {
    if (step.version <= current) continue
    // foreign_keys cannot change inside a transaction: switched off around a rebuild only.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
    if (step.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(step.sql)
        if (step.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${step.version} broke a foreign key`)
        }
        db.pragma(`user_version = ${step.version}`)
      })()
    } finally {
      if (step.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
    }
  }
  return db.pragma('user_version', { simple: true }) as number
}
