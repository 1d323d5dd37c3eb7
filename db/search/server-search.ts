import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'
import {
  ISSUE_COLUMNS,
  ISSUE_JOINS,
  NOT_VOIDED,
  ORGANIZATION_COLUMNS,
  VISITOR_COLUMNS,
  visitorsByName,
  type IssueHitRow,
  type OrganizationHitRow,
  type SearchEngine,
  type VisitorHitRow,
} from './hit-rows'
import { foldAscii, hasNonAsciiCase, likeContains, MAX_PAIR_TRIGRAMS, type SearchTerm } from './terms'

// The search on a PostgreSQL server ledger: every term an ILIKE, which the pg_trgm GIN indexes
// of the server schema serve for three or more characters, and which finds what FTS5's trigram
// tokenizer finds (a substring, ASCII case ignored) for terms of any length. FTS5 orders its
// hits by bm25 over trigram phrases; so the server computes the same bm25, with the same column
// weights, row counts, row lengths in trigrams and phrase frequencies, for the terms of three or
// more characters, and the desk sees the same hits in the same order on either engine.

/** One column of an index as FTS5 sees it: its bm25 weight and its length in trigrams. */
interface IndexColumn {
  column: RawBuilder<unknown>
  weight: number
  tokens: RawBuilder<number>
}

interface Bm25Index {
  /** The rows FTS5 indexes, with the alias the columns use. */
  from: RawBuilder<unknown>
  columns: readonly IndexColumn[]
}

// The trigram tokenizer makes length − 2 trigrams of a field.
const trigramCount = (column: RawBuilder<unknown>) => sql<number>`coalesce(greatest(length(${column}) - 2, 0), 0)`

// issue_search_text on the local file ends each field in two padding characters (migration
// 0002), so that a pair of characters at the end of a field begins a trigram; the server's copy
// has none, and adds them where bm25 reads the fields.
const PAD = '\uE000\uE000'
const ISSUE_TEXT = [sql`t.number`, sql`t.content`, sql`t.place`, sql`t.result`] as const
const ISSUE_INDEX: Bm25Index = {
  from: sql`issue_search_text t`,
  columns: ([8, 1, 3, 1] as const).map((weight, k) => {
    const column = sql`(${ISSUE_TEXT[k]} || ${PAD})`
    return { column, weight, tokens: trigramCount(column) }
  }),
}
const VISITOR_INDEX: Bm25Index = { from: sql`visitors p`, columns: [{ column: sql`p.name`, weight: 1, tokens: trigramCount(sql`p.name`) }] }
const ORGANIZATION_INDEX: Bm25Index = {
  from: sql`organizations o`,
  columns: [
    { column: sql`o.name`, weight: 2, tokens: trigramCount(sql`o.name`) },
    { column: sql`o.credit_code`, weight: 1, tokens: trigramCount(sql`o.credit_code`) },
  ],
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

function ilike(column: RawBuilder<unknown>, term: SearchTerm): RawBuilder<SqlBool> {
  // The file finds a short term by LIKE, which ignores ASCII case only: a short term with a
  // letter cased beyond ASCII (Ä, Б, Ａ) is matched so here too, never by ILIKE's wider folding.
  if (!term.indexed && hasNonAsciiCase(term.text)) {
    return sql<SqlBool>`translate(${column}, ${UPPER}, ${UPPER.toLowerCase()}) like ${likeContains(foldAscii(term.text))} escape '\\'`
  }
  return sql<SqlBool>`${column} ilike ${likeContains(term.text)} escape '\\'`
}

function anyColumn(columns: readonly RawBuilder<unknown>[], term: SearchTerm): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => ilike(c, term)),
    sql` or `,
  )})`
}

function allOf(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}

// In a regular expression every ASCII punctuation character is escaped: `\` before a
// non-alphanumeric character means that character, so user text never becomes syntax.
const regexLiteral = (text: string) => text.replace(/[!-/:-@[-`{-~]/g, (ch) => `\\${ch}`)

/** Occurrences of the term in the column, overlapping ones too, as FTS5 counts a phrase's instances. */
function occurrences(column: RawBuilder<unknown>, term: SearchTerm): RawBuilder<number> {
  return sql<number>`coalesce(regexp_count(${column}, ${`(?=${regexLiteral(term.text)})`}, 1, 'i'), 0)`
}

/**
 * FTS5's bm25 (fts5_aux.c) over the index's rows for the indexed terms, each term one phrase:
 * idf = ln((N − hits + 0.5) / (hits + 0.5)), at least 1e-6; a row's frequency of a phrase is its
 * instances weighted by column; k1 = 1.2, b = 0.75; D the row's trigrams, avgdl all trigrams / N.
 * Written in the order fts5 computes it, in double precision, so equal scores stay equal.
 * `stats` is one row (alias s) to cross join; `score` reads it and the row's columns.
 */
function bm25(index: Bm25Index, indexed: readonly SearchTerm[]): { stats: RawBuilder<unknown>; score: RawBuilder<number> } {
  const columns = index.columns.map((c) => c.column)
  const rowTokens = sql.join(
    index.columns.map((c) => c.tokens),
    sql` + `,
  )
  const hits = indexed.map((term, i) => sql`count(*) filter (where ${anyColumn(columns, term)})::float8 as ${sql.ref(`h${i}`)}`)
  const stats = sql`(select count(*)::float8 as n, sum(${rowTokens})::float8 as tokens${
    hits.length === 0 ? sql`` : sql`, ${sql.join(hits)}`
  } from ${index.from})`
  if (indexed.length === 0) return { stats, score: sql<number>`0::float8` }
  const k1 = sql`1.2::float8`
  const b = sql`0.75::float8`
  const parts = indexed.map((term, i) => {
    const h = sql.ref(`s.h${i}`)
    const raw = sql`ln((s.n - ${h} + 0.5::float8) / (${h} + 0.5::float8))`
    const idf = sql`(case when ${raw} <= 0 then 1e-6::float8 else ${raw} end)`
    const freq = sql`(${sql.join(
      index.columns.map((c) => sql`${sql.lit(c.weight)}::float8 * ${occurrences(c.column, term)}`),
      sql` + `,
    )})`
    return sql`${idf} * ((${freq} * (${k1} + 1.0::float8)) / (${freq} + ${k1} * (1::float8 - ${b} + ${b} * (${rowTokens})::float8 / (s.tokens / s.n))))`
  })
  return { stats, score: sql<number>`(${sql.join(parts, sql` + `)})` }
}

/**
 * The trigrams of the issues' padded text that begin with a pair of characters, in the order of
 * the local file's index vocabulary, or null if more than MAX_PAIR_TRIGRAMS: the phrases that
 * stand for a pair in the local file's query (terms.ts), so they weigh in bm25 the same.
 */
async function trigramsStarting(db: Executor, pair: SearchTerm): Promise<string[] | null> {
  const { rows } = await sql<{ g: string }>`select distinct lower(substr(x.c, k, 3)) collate "C" as g
    from issue_search_text t
    cross join lateral (values ${sql.join(ISSUE_INDEX.columns.map((c) => sql`(${c.column})`))}) x(c)
    cross join lateral generate_series(1, length(x.c) - 2) k
    where ${anyColumn(ISSUE_TEXT, pair)} and lower(substr(x.c, k, 2)) = ${foldAscii(pair.text)}
    order by g
    limit ${MAX_PAIR_TRIGRAMS + 1}`.execute(db)
  return rows.length > MAX_PAIR_TRIGRAMS ? null : rows.map((r) => r.g)
}

/** The phrases of the local file's FTS query for these terms: each indexed term, each findable pair's trigrams. */
async function issuePhrases(db: Executor, terms: readonly SearchTerm[]): Promise<SearchTerm[]> {
  const phrases: SearchTerm[] = []
  for (const term of terms) {
    if (term.indexed) phrases.push(term)
    else if ([...term.text].length === 2 && !hasNonAsciiCase(term.text)) {
      const trigrams = await trigramsStarting(db, term)
      if (trigrams !== null) phrases.push(...trigrams.map((text) => ({ text, indexed: true })))
    }
  }
  return phrases
}

async function issues(db: Executor, terms: readonly SearchTerm[], limit: number): Promise<IssueHitRow[]> {
  const { stats, score } = bm25(ISSUE_INDEX, await issuePhrases(db, terms))
  const { rows } = await sql<IssueHitRow>`select ${ISSUE_COLUMNS}
    from (
      select t.id, ${score} as score from issue_search_text t cross join ${stats} s
      where ${allOf(terms.map((term) => anyColumn(ISSUE_TEXT, term)))} and ${NOT_VOIDED}
      order by score desc, t.id desc
      limit ${limit}
    ) hit ${ISSUE_JOINS}
    order by hit.score desc, hit.id desc`.execute(db)
  return rows
}

async function visitors(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<VisitorHitRow[]> {
  const all = allOf(terms.map((t) => ilike(sql`p.name`, t)))
  const indexed = terms.filter((t) => t.indexed)
  if (indexed.length > 0) {
    const { stats, score } = bm25(VISITOR_INDEX, indexed)
    return (
      await sql<VisitorHitRow>`select ${VISITOR_COLUMNS}
        from (
          select p.id, p.name = ${query} as exact, ${score} as score
          from visitors p cross join ${stats} s
          where ${all} and p.merged_into_id is null
          order by exact desc, score desc, p.id desc
          limit ${limit}
        ) hit join visitors p on p.id = hit.id
        left join organizations o on o.id = p.organization_id
        order by hit.exact desc, hit.score desc, p.id desc`.execute(db)
    ).rows
  }
  return visitorsByName(db, query, all, limit)
}

async function organizations(db: Executor, terms: readonly SearchTerm[], query: string, limit: number): Promise<OrganizationHitRow[]> {
  const all = allOf(terms.map((t) => anyColumn([sql`o.name`, sql`o.credit_code`], t)))
  const indexed = terms.filter((t) => t.indexed)
  if (indexed.length > 0) {
    const { stats, score } = bm25(ORGANIZATION_INDEX, indexed)
    return (
      await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
        from (
          select o.id, o.name = ${query} as exact, ${score} as score
          from organizations o cross join ${stats} s
          where ${all} and o.merged_into_id is null
          order by exact desc, score desc, o.id desc
          limit ${limit}
        ) hit join organizations o on o.id = hit.id
        order by hit.exact desc, hit.score desc, o.id desc`.execute(db)
    ).rows
  }
  return (
    await sql<OrganizationHitRow>`select ${ORGANIZATION_COLUMNS}
      from organizations o
      where ${all} and o.merged_into_id is null
      order by o.name = ${query} desc, o.id desc
      limit ${limit}`.execute(db)
  ).rows
}

export const serverSearch: SearchEngine = { issues, visitors, organizations }

/**
 * The issue ledger's text filter on the server, term by term as on the local file (conditions.ts):
 * the issue's text, its 工单号 / 文号 or transferring body, its visitor's name, its enterprise's
 * name (and, for a term of three or more characters, which the local file finds in the
 * enterprise index, its 统一社会信用代码).
 */
export function serverIssueTextConditions(terms: readonly SearchTerm[]): RawBuilder<SqlBool>[] {
  return terms.map((term) => {
    const organization = term.indexed ? anyColumn([sql`o2.name`, sql`o2.credit_code`], term) : ilike(sql`o2.name`, term)
    return sql<SqlBool>`i.id in (
      select t.id from issue_search_text t where ${anyColumn(ISSUE_TEXT, term)}
      union select s.id from issues s where ${anyColumn([sql`s.source_ref`, sql`s.source_body`], term)}
      union select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.visitor_id in (select p2.id from visitors p2 where ${ilike(sql`p2.name`, term)})
      union select i2.id from visits v2 join matters m2 on m2.visit_id = v2.id join issues i2 on i2.matter_id = m2.id
        where v2.organization_id in (select o2.id from organizations o2 where ${organization})
    )`
  })
}

/** The ids of enterprises whose name holds every term, as the local file finds them; for `column in (…)`. */
export function serverOrganizationIdsByName(terms: readonly SearchTerm[]): RawBuilder<number> {
  return sql<number>`(select o.id from organizations o where ${allOf(terms.map((t) => ilike(sql`o.name`, t)))})`
}
