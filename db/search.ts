import type BetterSqlite3 from 'better-sqlite3'
import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from './context'
import { maskPhone } from './mask'
import type {
  IssueSearchHit,
  IssueStatus,
  MarkedText,
  OrganizationSearchHit,
  SearchKind,
  SearchResults,
  TextRange,
  VisitorKind,
  VisitorSearchHit,
} from './types'

// One search box over visitors, enterprises and issues (migration 0002 builds the indexes).
//
// The trigram tokenizer finds any substring of three or more characters and returns NOTHING for
// a shorter one, without an error; a short term inside an AND query would empty the whole
// result. So a query is split into terms on whitespace, and every term must match:
// - three or more characters: one FTS string;
// - two characters, in issue text: the trigrams of the index that begin with them, OR'ed, found
//   in the index's vocabulary (the copied text ends every field in two padding characters, so a
//   pair at the very end of a field begins a trigram too; migration 0002); when a pair begins
//   very many trigrams it is common, and LIKE finds enough of it at once;
// - otherwise (one character, or names): LIKE, on the rows the index found, or, when no term
//   can use the index, on the rows walked newest first until the limit is reached.
// User text never becomes query syntax: an FTS term is always one quoted string, and a LIKE
// pattern has %, _ and \ escaped. Quotes, *, parentheses and AND/OR/NOT are searched as text.

/** The trigram tokenizer's shortest findable term, counted in characters as it counts them. */
export const INDEXED_TERM_LENGTH = 3
const MAX_TERMS = 10
export const DEFAULT_SEARCH_LIMIT = 20
export const MAX_SEARCH_LIMIT = 100
const EXCERPT_WIDTH = 60
const EXCERPT_LEAD = 16
/** A pair of characters that begins more trigrams than this is common: LIKE finds it quickly. */
const MAX_PAIR_TRIGRAMS = 200

export const SEARCH_INDEXES = ['visitor_search', 'organization_search', 'issue_search'] as const

export interface SearchTerm {
  text: string
  /** Three or more characters: found through the trigram index. */
  indexed: boolean
}

// ASCII only, so offsets found in the folded text are offsets in the original. SQLite's LIKE
// and the trigram tokenizer both ignore ASCII case.
function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => ch.toLowerCase())
}

const CONTROL_CHARS = /[\x00-\x1F\x7F\uE000]/g

/** Splits what the user typed into distinct terms; every term must match. */
export function searchTerms(query: string): SearchTerm[] {
  const seen = new Set<string>()
  const terms: SearchTerm[] = []
  for (const part of query.replace(CONTROL_CHARS, ' ').split(/\s+/u)) {
    if (part === '') continue
    const key = foldAscii(part)
    if (seen.has(key)) continue
    seen.add(key)
    terms.push({ text: part, indexed: [...part].length >= INDEXED_TERM_LENGTH })
    if (terms.length === MAX_TERMS) break
  }
  return terms
}

/** One FTS5 string: whatever it holds is text to find, never operators. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** The FTS5 query that every indexed term must match, optionally within some columns. */
export function ftsQuery(terms: readonly SearchTerm[], columns?: readonly string[]): string | null {
  const indexed = terms.filter((t) => t.indexed)
  if (indexed.length === 0) return null
  const all = indexed.map((t) => ftsString(t.text)).join(' AND ')
  return columns ? `{${columns.join(' ')}} : (${all})` : all
}

/**
 * How the issue index finds each term: an FTS query for the terms it can serve (three or more
 * characters; pairs through the vocabulary), the rest left for LIKE. `none` when a pair occurs
 * nowhere: then no issue matches every term.
 */
interface IssueIndexPlan {
  fts: string | null
  like: SearchTerm[]
  none: boolean
}

/** Whether a term has a cased letter beyond ASCII, which the tokenizer folds and this code does not. */
const hasNonAsciiCase = (text: string) => [...text].some((ch) => ch > '\x7F' && ch.toLowerCase() !== ch.toUpperCase())

/** The trigrams of the issue index that begin with a two-character term, or null if too many. */
async function trigramsStarting(db: Executor, pair: string): Promise<string[] | null> {
  const low = foldAscii(pair)
  const { rows } = await sql<{ term: string }>`select term from issue_search_vocab
    where term >= ${low} and term < ${`${low}\u{10FFFF}`} limit ${MAX_PAIR_TRIGRAMS + 1}`.execute(db)
  return rows.length > MAX_PAIR_TRIGRAMS ? null : rows.map((r) => r.term)
}

async function issueIndexPlan(db: Executor, terms: readonly SearchTerm[]): Promise<IssueIndexPlan> {
  const parts: string[] = []
  const likeTerms: SearchTerm[] = []
  for (const term of terms) {
    if (term.indexed) {
      parts.push(ftsString(term.text))
      continue
    }
    // Only pairs whose case the tokenizer folds as this code does (ASCII) use the vocabulary.
    if ([...term.text].length === 2 && !hasNonAsciiCase(term.text)) {
      const trigrams = await trigramsStarting(db, term.text)
      if (trigrams !== null && trigrams.length === 0) return { fts: null, like: [], none: true }
      if (trigrams !== null) {
        parts.push(`(${trigrams.map(ftsString).join(' OR ')})`)
        continue
      }
    }
    likeTerms.push(term)
  }
  return { fts: parts.length === 0 ? null : parts.join(' AND '), like: likeTerms, none: false }
}

/** A LIKE pattern finding `text` anywhere; use with `escape '\'`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

function like(column: RawBuilder<unknown>, term: SearchTerm): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${likeContains(term.text)} escape '\\'`
}

function anyColumnLike(columns: readonly RawBuilder<unknown>[], term: SearchTerm): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => like(c, term)),
    sql` or `,
  )})`
}

function allOf(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.length === 0 ? sql<SqlBool>`1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}

// ---- highlighting ----

/** Where the terms occur in `text`, merged where they touch, in order. */
export function matchRanges(text: string, terms: readonly SearchTerm[]): TextRange[] {
  const hay = foldAscii(text)
  const found: TextRange[] = []
  for (const term of terms) {
    const needle = foldAscii(term.text)
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      found.push({ start: at, end: at + needle.length })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: TextRange[] = []
  for (const r of found) {
    const last = merged.at(-1)
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else merged.push({ ...r })
  }
  return merged
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  return code >= 0xdc00 && code <= 0xdfff
}

/** The text with its matches; a long text is cut to a window around the first match. */
export function markText(text: string, terms: readonly SearchTerm[], width = EXCERPT_WIDTH): MarkedText {
  const ranges = matchRanges(text, terms)
  if (text.length <= width) return { text, ranges }
  let start = Math.max(0, Math.min((ranges[0]?.start ?? 0) - EXCERPT_LEAD, text.length - width))
  let end = Math.min(text.length, start + width)
  // Never cut a character outside the BMP (a rare name character) in half.
  if (start > 0 && isLowSurrogate(text, start)) start -= 1
  if (end < text.length && isLowSurrogate(text, end)) end += 1
  const head = start > 0 ? '…' : ''
  const tail = end < text.length ? '…' : ''
  const shift = head.length - start
  return {
    text: head + text.slice(start, end) + tail,
    ranges: ranges
      .filter((r) => r.end > start && r.start < end)
      .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift })),
  }
}

function markOptional(text: string | null, terms: readonly SearchTerm[]): MarkedText | null {
  return text === null ? null : markText(text, terms)
}

// ---- the search box ----

export interface SearchOptions {
  /** Most hits per kind; 1 to 100, 20 unless given. */
  limit?: number | undefined
  /** Which kinds to search; all unless given. */
  kinds?: readonly SearchKind[] | undefined
}

interface IssueHitRow {
  id: number
  number: string
  status: IssueStatus
  accepted_date: string
  content: string
  place: string | null
  result: string | null
  visitor_name: string
  organization_name: string | null
}

const ISSUE_COLUMNS = sql`i.id, i.number, i.status, i.accepted_date, m.content, m.place, i.result,
  p.name as visitor_name, o.name as organization_name`
const ISSUE_JOINS = sql`join issues i on i.id = hit.id
  join matters m on m.id = i.matter_id
  join visits v on v.id = m.visit_id
  join visitors p on p.id = v.visitor_id
  left join organizations o on o.id = v.organization_id`

// An issue of a voided visit stays in the record but leaves every list, the search included;
// voided visits are few and the partial index visits_voided holds just them.
// CROSS JOIN keeps that order: the voided visits first, never all matters.
const NOT_VOIDED = sql<SqlBool>`t.id not in (
  select vi.id from visits vv cross join matters vm cross join issues vi
  where vv.voided_at is not null and vm.visit_id = vv.id and vi.matter_id = vm.id
)`

/** A short term against an issue's text, as copied (and padded) into issue_search_text (alias t). */
function issueTextLike(term: SearchTerm): RawBuilder<SqlBool> {
  return anyColumnLike([sql`t.number`, sql`t.content`, sql`t.place`, sql`t.result`], term)
}

async function searchIssues(db: Executor, terms: readonly SearchTerm[], limit: number): Promise<IssueSearchHit[]> {
  const plan = await issueIndexPlan(db, terms)
  if (plan.none) return []
  const fts = plan.fts
  const short = allOf(plan.like.map(issueTextLike))
  // The best `limit` ids first, from the index (and the compact text for short terms); only
  // those are joined to the rest of the ledger.
  const hits = fts
    ? sql`select issue_search.rowid as id, issue_search.rank as rank
        from issue_search join issue_search_text t on t.id = issue_search.rowid
        where issue_search match ${fts} and ${short} and ${NOT_VOIDED}
        order by issue_search.rank, issue_search.rowid desc
        limit ${limit}`
    : // Every term is short: walk the compact copy newest first and stop at the limit.
      sql`select t.id as id, 0 as rank from issue_search_text t where ${short} and ${NOT_VOIDED} order by t.id desc limit ${limit}`
  const { rows } = await sql<IssueHitRow>`select ${ISSUE_COLUMNS}
    from (${hits}) hit ${ISSUE_JOINS}
    order by hit.rank, hit.id desc`.execute(db)
  return rows.map((r) => ({
    kind: 'issue',
    id: r.id,
    number: markText(r.number, terms),
    status: r.status,
    acceptedDate: r.accepted_date,
    visitorName: r.visitor_name,
    organizationName: r.organization_name,
    content: markText(r.content, terms),
    place: markOptional(r.place, terms),
    result: markOptional(r.result, terms),
  }))
}

interface VisitorHitRow {
  id: number
  name: string
  kind: VisitorKind
  phone: string | null
  organization_name: string | null
  last_visit_date: string | null
}

const VISITOR_COLUMNS = sql`p.id, p.name, p.kind, p.phone, o.name as organization_name,
  (select max(x.visit_date) from visits x where x.visitor_id = p.id and x.voided_at is null) as last_visit_date`

async function searchVisitors(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<VisitorSearchHit[]> {
  const fts = ftsQuery(terms)
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => like(sql`p.name`, t)))
  let rows: VisitorHitRow[]
  if (fts) {
    rows = (
      await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
        from (
          select p.id, p.name = ${query} as exact, visitor_search.rank as rank
          from visitor_search join visitors p on p.id = visitor_search.rowid
          where visitor_search match ${fts} and p.merged_into_id is null and ${short}
          order by exact desc, rank, p.id desc
          limit ${limit}
        ) hit join visitors p on p.id = hit.id
        left join organizations o on o.id = p.organization_id
        order by hit.exact desc, hit.rank, p.id desc`.execute(db)
    ).rows
  } else {
    // Most names are two characters: the exact name first (by index), then names containing
    // the terms, newest first, stopping at the limit.
    const exact = (
      await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
        from visitors p left join organizations o on o.id = p.organization_id
        where p.name = ${query} and p.merged_into_id is null
        order by p.id desc
        limit ${limit}`.execute(db)
    ).rows
    const contains = (
      await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
        from visitors p left join organizations o on o.id = p.organization_id
        where ${short} and p.name != ${query} and p.merged_into_id is null
        order by p.id desc
        limit ${limit}`.execute(db)
    ).rows
    rows = [...exact, ...contains].slice(0, limit)
  }
  return rows.map((r) => ({
    kind: 'visitor',
    id: r.id,
    name: markText(r.name, terms),
    visitorKind: r.kind,
    phone: maskPhone(r.phone),
    organizationName: r.organization_name,
    lastVisitDate: r.last_visit_date,
  }))
}

interface OrganizationHitRow {
  id: number
  name: string
  credit_code: string | null
  last_visit_date: string | null
}

const ORGANIZATION_COLUMNS = sql`o.id, o.name, o.credit_code,
  (select max(x.visit_date) from visits x where x.organization_id = o.id and x.voided_at is null) as last_visit_date`

async function searchOrganizations(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<OrganizationSearchHit[]> {
  const fts = ftsQuery(terms)
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => anyColumnLike([sql`o.name`, sql`o.credit_code`], t)))
  const { rows } = fts
    ? await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
        from (
          select o.id, o.name = ${query} as exact, organization_search.rank as rank
          from organization_search join organizations o on o.id = organization_search.rowid
          where organization_search match ${fts} and o.merged_into_id is null and ${short}
          order by exact desc, rank, o.id desc
          limit ${limit}
        ) hit join organizations o on o.id = hit.id
        order by hit.exact desc, hit.rank, o.id desc`.execute(db)
    : await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
        from organizations o
        where ${short} and o.merged_into_id is null
        order by o.name = ${query} desc, o.id desc
        limit ${limit}`.execute(db)
  return rows.map((r) => ({
    kind: 'organization',
    id: r.id,
    name: markText(r.name, terms),
    creditCode: markOptional(r.credit_code, terms),
    lastVisitDate: r.last_visit_date,
  }))
}

/** The search box: visitors, enterprises and issues matching every term, best first per kind. */
export async function search(db: Executor, query: string, options: SearchOptions = {}): Promise<SearchResults> {
  const terms = searchTerms(query)
  const whole = terms.map((t) => t.text).join(' ')
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT)))
  const kinds = new Set<SearchKind>(options.kinds ?? ['issue', 'visitor', 'organization'])
  const results: SearchResults = { query: whole, terms: terms.map((t) => t.text), issues: [], visitors: [], organizations: [] }
  if (terms.length === 0) return results
  if (kinds.has('issue')) results.issues = await searchIssues(db, terms, limit)
  if (kinds.has('visitor')) results.visitors = await searchVisitors(db, terms, whole, limit)
  if (kinds.has('organization')) results.organizations = await searchOrganizations(db, terms, whole, limit)
  return results
}

// ---- conditions for other queries ----

/**
 * For the issue ledger's text filter, as conditions on `issues as i`: each term must occur in the
 * issue's number, description, place or result, or in its visitor's or enterprise's name. A term
 * becomes a set of issue ids: from the three indexes when it has three or more characters, from
 * the issue index's vocabulary and the names by LIKE when it is a pair, and by LIKE over the
 * compact copies (never the joined ledger row by row) when it is one character.
 */
export async function issueTextConditions(db: Executor, text: string): Promise<RawBuilder<SqlBool>[]> {
  const conditions: RawBuilder<SqlBool>[] = []
  for (const term of searchTerms(text)) {
    const fromVisits = (visitorIds: RawBuilder<unknown>, organizationIds: RawBuilder<unknown>) => sql`
      select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.visitor_id in ${visitorIds}
      union
      select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.organization_id in ${organizationIds}`
    if (term.indexed) {
      const q = ftsString(term.text)
      conditions.push(sql<SqlBool>`i.id in (
        select rowid from issue_search where issue_search match ${q}
        union ${fromVisits(sql`(select rowid from visitor_search where visitor_search match ${q})`, sql`(select rowid from organization_search where organization_search match ${q})`)}
      )`)
      continue
    }
    const pattern = likeContains(term.text)
    const names = fromVisits(
      sql`(select p2.id from visitors p2 where p2.name like ${pattern} escape '\\')`,
      sql`(select o2.id from organizations o2 where o2.name like ${pattern} escape '\\')`,
    )
    const plan = await issueIndexPlan(db, [term])
    const issueText = plan.none
      ? sql`select -1`
      : plan.fts
        ? sql`select rowid from issue_search where issue_search match ${plan.fts}`
        : sql`select t.id from issue_search_text t where ${issueTextLike(term)}`
    conditions.push(sql<SqlBool>`i.id in (${issueText} union ${names})`)
  }
  return conditions
}

/**
 * The ids of enterprises whose name holds every term: through the index for terms of three or
 * more characters, LIKE for shorter ones. For `column in (…)`.
 */
export function organizationIdsByName(text: string): RawBuilder<number> {
  const terms = searchTerms(text)
  const fts = ftsQuery(terms, ['name'])
  const short = allOf(terms.filter((t) => !t.indexed).map((t) => like(sql`name`, t)))
  return fts
    ? sql<number>`(select rowid from organization_search where organization_search match ${fts} and ${short})`
    : sql<number>`(select id from organizations where ${short})`
}

// ---- keeping the index ----

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
          from issues i join matters m on m.id = i.matter_id;`)
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
  if (stale > 0) problems.push(`issue_search_text: ${stale} 条问题的检索文本与台账不一致`)
  if (extra > 0) problems.push(`issue_search_text: ${extra} 条检索文本没有对应的问题`)
  return problems
}
