import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'

export const SEARCH_INDEXES = ['visitor_search', 'organization_search', 'issue_search', 'issue_source_search'] as const

const PAD_SQL = 'char(57344, 57344)'

function isTriggerRow(r: unknown): r is { name: string; sql: string } {
  return r !== null && typeof r === 'object' && 'name' in r && typeof r.name === 'string' && 'sql' in r && typeof r.sql === 'string'
}

/**
 * A bulk load in one transaction with the search triggers lifted, then the issue text copy
 * refilled and every index rebuilt once: inserting row by row into an FTS table costs several
 * times the plain insert. If the load throws, the transaction rolls back and the triggers are
 * as they were.
 */
export function bulkLoad<T>(sqlite: BetterSqlite3.Database, load: () => T): T {
  return sqlite
    .transaction(() => {
      const triggers = sqlite
        .prepare("select name, sql from sqlite_master where type = 'trigger' and name glob '*_search_*'")
        .all()
        .filter(isTriggerRow)
      for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`)
      const result = load()
      sqlite.exec(`delete from issue_search_text;
        insert into issue_search_text(id, number, content, place, result)
          select i.id, i.number || ${PAD_SQL}, m.content || ${PAD_SQL}, m.place || ${PAD_SQL}, i.result || ${PAD_SQL}
          from issues i join matters m on m.id = i.matter_id;
        delete from issue_source_search;
        insert into issue_source_search(rowid, source_ref, source_body)
          select id, source_ref, source_body from issues where source_ref is not null or source_body is not null;`)
      for (const table of SEARCH_INDEXES) sqlite.exec(`insert into ${table}(${table}) values ('rebuild')`)
      for (const t of triggers) sqlite.exec(t.sql)
      return result
    })
    .immediate()
}

/** Rebuilds every search index from the ledger's rows: to repair one, or after a load elsewhere. */
export function rebuildSearchIndex(sqlite: BetterSqlite3.Database): void {
  bulkLoad(sqlite, () => undefined)
}

function countOf(sqlite: BetterSqlite3.Database, query: string): number {
  const row = sqlite.prepare(query).get()
  return row !== null && typeof row === 'object' && 'n' in row ? Number(row.n) : -1
}

/**
 * Problems with the search index, none when it is in step: each FTS index against the rows it
 * reads, and the issue text copy against issues and matters.
 */
export function checkSearchIndex(sqlite: BetterSqlite3.Database): string[] {
  const problems: string[] = []
  for (const table of SEARCH_INDEXES) {
    try {
      sqlite.exec(`insert into ${table}(${table}, rank) values ('integrity-check', 1)`)
    } catch (e) {
      problems.push(`${table}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const stale = countOf(
    sqlite,
    `select count(*) as n from issues i join matters m on m.id = i.matter_id left join issue_search_text t on t.id = i.id
      where t.id is null or t.number is not i.number || ${PAD_SQL} or t.content is not m.content || ${PAD_SQL}
        or t.place is not m.place || ${PAD_SQL} or t.result is not i.result || ${PAD_SQL}`,
  )
  const extra = countOf(sqlite, 'select count(*) as n from issue_search_text t where not exists (select 1 from issues i where i.id = t.id)')
  const staleSources = countOf(
    sqlite,
    `select count(*) as n from issues i left join issue_source_search s on s.rowid = i.id
      where (i.source_ref is not null or i.source_body is not null)
        and (s.rowid is null or s.source_ref is not i.source_ref or s.source_body is not i.source_body)`,
  )
  if (stale > 0) problems.push(`issue_search_text: ${stale} 条问题的检索文本与台账不一致`)
  if (staleSources > 0) problems.push(`issue_source_search: ${staleSources} 条问题的工单号或转办单位未进入检索`)
  if (extra > 0) problems.push(`issue_search_text: ${extra} 条检索文本没有对应的问题`)
  return problems
}
