import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Executor } from '../core/context'

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
/** A pair of characters that begins more trigrams than this is common: LIKE finds it quickly. */
export const MAX_PAIR_TRIGRAMS = 200

export interface SearchTerm {
  text: string
  /** Three or more characters: found through the trigram index. */
  indexed: boolean
}

// ASCII only, so offsets found in the folded text are offsets in the original. SQLite's LIKE
// and the trigram tokenizer both ignore ASCII case.
export function foldAscii(s: string): string {
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
export const hasNonAsciiCase = (text: string) => [...text].some((ch) => ch > '\x7F' && ch.toLowerCase() !== ch.toUpperCase())

/** The trigrams of the issue index that begin with a two-character term, or null if too many. */
async function trigramsStarting(db: Executor, pair: string): Promise<string[] | null> {
  const low = foldAscii(pair)
  const { rows } = await sql<{ term: string }>`select term from issue_search_vocab
    where term >= ${low} and term < ${`${low}\u{10FFFF}`} limit ${MAX_PAIR_TRIGRAMS + 1}`.execute(db)
  return rows.length > MAX_PAIR_TRIGRAMS ? null : rows.map((r) => r.term)
}

export async function issueIndexPlan(db: Executor, terms: readonly SearchTerm[]): Promise<IssueIndexPlan> {
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

export function like(column: RawBuilder<unknown>, term: SearchTerm): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${likeContains(term.text)} escape '\\'`
}

export function anyColumnLike(columns: readonly RawBuilder<unknown>[], term: SearchTerm): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => like(c, term)),
    sql` or `,
  )})`
}

export function allOf(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.length === 0 ? sql<SqlBool>`1` : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}

/** A short term against an issue's text, as copied (and padded) into issue_search_text (alias t). */
export function issueTextLike(term: SearchTerm): RawBuilder<SqlBool> {
  return anyColumnLike([sql`t.number`, sql`t.content`, sql`t.place`, sql`t.result`], term)
}
