// The generator's writes: one prepared statement per table, each returning the new row's id.

import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'

type Insert = (...params: unknown[]) => number

function insertRunner(sqlite: BetterSqlite3.Database, sqlText: string): Insert {
  const stmt = sqlite.prepare(sqlText)
  return (...params) => Number(stmt.run(...params).lastInsertRowid)
}

export interface LedgerInserts {
  session: Insert
  sessionStaff: Insert
  organization: Insert
  visitor: Insert
  visit: Insert
  matter: Insert
  issue: Insert
  history: Insert
  progress: Insert
  extension: Insert
  callback: Insert
}

export function prepareInserts(sqlite: BetterSqlite3.Database): LedgerInserts {
  return {
    session: insertRunner(
      sqlite,
      `insert into sessions (date, kind, title, location, host_leader_id, status, note, opened_at, closed_at, voided_at, void_reason, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'closed', null, ?, ?, null, null, ?, ?)`,
    ),
    sessionStaff: insertRunner(sqlite, 'insert into session_staff (session_id, staff_id) values (?, ?)'),
    organization: insertRunner(
      sqlite,
      `insert into organizations (name, credit_code, address, industry, note, merged_into_id, created_at, updated_at) values (?, ?, ?, ?, null, null, ?, ?)`,
    ),
    visitor: insertRunner(
      sqlite,
      `insert into visitors (name, phone, id_number, kind, organization_id, address, note, merged_into_id, created_at, updated_at) values (?, ?, null, ?, ?, ?, null, null, ?, ?)`,
    ),
    visit: insertRunner(
      sqlite,
      `insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, channel, received_by_id, note, voided_at, void_reason, created_at)
       values (?, ?, ?, ?, ?, ?, 'desk', ?, null, null, null, ?)`,
    ),
    matter: insertRunner(
      sqlite,
      'insert into matters (visit_id, type, category_id, content, answer, place, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    issue: insertRunner(
      sqlite,
      `insert into issues (matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, department_id, assignee_id, leader_id,
         first_contact_id, result, resolved_date, closed_date, transfer_to, reason, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    history: insertRunner(
      sqlite,
      'insert into issue_history (issue_id, action, from_status, to_status, actor_id, at, reason, detail) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    progress: insertRunner(
      sqlite,
      'insert into progress_notes (issue_id, kind, note_date, note, actor_id, created_at) values (?, ?, ?, ?, ?, ?)',
    ),
    extension: insertRunner(
      sqlite,
      'insert into extensions (issue_id, old_due_date, new_due_date, approver_id, reason, actor_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
    callback: insertRunner(
      sqlite,
      'insert into callbacks (issue_id, callback_date, method, satisfaction, comment, actor_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    ),
  }
}
