import { z } from 'zod'
import { MAX_PAGE_SIZE } from '../../../shared/limits'
import { isWellFormedText, MALFORMED_TEXT_MESSAGE } from '../../../shared/text'

// Strict objects everywhere: a renderer sending a field main does not know is a bug to surface,
// not data to drop silently. Shapes only: the ledger's own rules (check digits, life cycle, dates in
// range) live in db/ and answer in Chinese from there; these stop wrong types and unknown fields.

export const noInput = z.object({}).strict()
export const id = z.number().int().positive()
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const yearMonth = z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM')
export const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).refine(isWellFormedText, MALFORMED_TEXT_MESSAGE)
export const optionalText = (max: number) => text(max).nullish()
export const byId = z.object({ id }).strict()
/** The version of the record the screen read: an edit is refused when someone saved first (db/core/versions.ts). */
export const version = z.number().int().positive().describe('记录版本')
export const year = z.number().int().min(2000, '年份应在 2000 年以后').max(2100, '年份应在 2100 年以前')

/** Page size of a paged list, up to the largest page any list returns. */
export const pageSize = z.number().int().positive().max(MAX_PAGE_SIZE)

export const page = z.number().int().positive()
