import { audit } from '../core/audit'
import { stamp, type LedgerContext, type Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { sessionKind } from '../../shared/codes/sessions'
import type { ImportRecord } from './records'
import type { Lists, RunState } from './run-state'

// ---- matching names to the ledger's lists ----

const LOCATION_UNKNOWN = '原台账未记录地点'

// Words offices use for the default categories; only used when the ledger has a category of that name.
const CATEGORY_WORDS: readonly (readonly [string, readonly string[]])[] = [
  ['大气', ['废气', '大气污染', '空气', '异味', '臭味', '扬尘', '油烟', '烟尘', '粉尘', '气味', '烟气']],
  ['水', ['废水', '水污染', '水环境', '污水', '黑臭', '排水', '饮用水', '水质']],
  ['噪声', ['噪音', '噪声污染', '振动', '噪']],
  ['固废/危废', ['固废', '危废', '固体废物', '危险废物', '垃圾', '废渣', '医疗废物', '固体']],
  ['土壤', ['土壤污染', '地下水', '耕地']],
  ['辐射', ['电磁', '基站', '放射', '核']],
  ['环评审批', ['环评', '环境影响评价', '验收', '审批']],
  ['排污许可', ['排污许可证', '许可证', '排污证', '许可']],
  ['执法监管', ['执法', '监管', '违法', '偷排', '查处']],
  ['政策咨询', ['政策', '咨询', '法规', '标准']],
]

function normalizeName(text: string): string {
  return text.replace(/[\s\u3000]/g, '')
}

export function categoryFor(lists: Lists, name: string | null, warn: (m: string) => void): Lists['categories'][number] {
  const other = lists.categories.find((c) => c.name === '其他') ?? lists.categories[lists.categories.length - 1]
  if (!other) throw new LedgerError('import_setup', '台账中还没有问题类别，请先在“设置 → 问题类别”中设置')
  if (name === null) {
    warn(`未填写问题类别的按“${other.name}”导入`)
    return other
  }
  const n = normalizeName(name)
  const exact = lists.categories.find((c) => normalizeName(c.name) === n)
  if (exact) return exact
  const found =
    lists.categories.find((c) => CATEGORY_WORDS.some(([target, words]) => target === c.name && words.includes(n))) ??
    lists.categories.find((c) => c.name.length >= 1 && n.includes(c.name) && c.name !== other.name) ??
    lists.categories.find((c) => CATEGORY_WORDS.some(([target, words]) => target === c.name && words.some((w) => n.includes(w))))
  const chosen = found ?? other
  warn(`问题类别“${name}”不在类别列表中，按“${chosen.name}”导入`)
  return chosen
}

/** A visit already in the ledger on the same day, by the same name, about the same thing. */
export async function duplicateOf(trx: Tx, s: RunState, r: ImportRecord): Promise<string | null> {
  const first = r.matters[0]
  if (!first) return null
  const hit = await trx
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('matters as m', 'm.visit_id', 'v.id')
    .select(['v.id', 'v.import_batch_id', 'v.import_row'])
    .where('v.visit_date', '=', r.date)
    .where('v.voided_at', 'is', null)
    .where('p.name', '=', r.visitor.name)
    .where('m.content', '=', first.content)
    .orderBy('v.id')
    .executeTakeFirst()
  if (!hit) return null
  if (hit.import_batch_id === s.batchId) return `与本文件第 ${hit.import_row ?? '?'} 行相同，未重复导入`
  if (hit.import_batch_id !== null) return `已由导入批次 ${hit.import_batch_id} 导入（第 ${hit.import_row ?? '?'} 行），未重复导入`
  return `台账中已有相同的来访登记（#${hit.id}，${r.date} ${r.visitor.name}），未重复导入`
}

export async function sessionFor(trx: Tx, ctx: LedgerContext, s: RunState, r: ImportRecord): Promise<number> {
  const kind = r.kind ?? s.prepared.defaultKind
  const key = `${r.date}|${kind}`
  const known = s.sessions.get(key)
  if (known) return known.id
  const existing = await trx
    .selectFrom('sessions')
    .select('id')
    .where('date', '=', r.date)
    .where('kind', '=', kind)
    .where('voided_at', 'is', null)
    .where('status', 'in', ['open', 'closed'])
    .orderBy('id')
    .executeTakeFirst()
  if (existing) {
    s.sessions.set(key, { id: existing.id, created: false })
    s.counts.sessionsReused++
    return existing.id
  }
  const [y, m, d] = r.date.split('-')
  const title = (r.sessionTitle ?? `${y}年${Number(m)}月${Number(d)}日${sessionKind.labels[kind]}`).slice(0, 60)
  const location = (r.location ?? s.prepared.location ?? LOCATION_UNKNOWN).slice(0, 60)
  const at = stamp(ctx)
  const row = await trx
    .insertInto('sessions')
    .values({
      date: r.date,
      kind,
      title,
      location,
      host_leader_id: null,
      status: 'closed',
      note: `导入自 ${s.prepared.fileName}（导入批次 ${s.batchId}）`,
      opened_at: `${r.date} 08:30:00`,
      closed_at: `${r.date} 17:30:00`,
      voided_at: null,
      void_reason: null,
      created_at: at,
      updated_at: at,
      import_batch_id: s.batchId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await audit(trx, ctx, 'import', 'session', row.id, { batchId: s.batchId, date: r.date, kind, title })
  s.sessions.set(key, { id: row.id, created: true })
  s.counts.sessionsCreated++
  return row.id
}

export function staffId(s: RunState, name: string | null, role: string, row: number): number | null {
  if (name === null) return null
  const found = s.lists.staff.find((p) => normalizeName(p.name) === normalizeName(name))
  if (!found) s.warnings.add(`${role}“${name}”不在人员名单中，留空`, row)
  return found?.id ?? null
}

export async function departmentFor(trx: Tx, ctx: LedgerContext, s: RunState, name: string, row: number): Promise<number> {
  const n = normalizeName(name)
  const cached = s.departmentsByName.get(n)
  if (cached !== undefined) return cached
  const deps = s.lists.departments
  const exact = deps.find((d) => normalizeName(d.name) === n)
  // 执法大队 for 生态环境保护综合行政执法大队: a short name that fits exactly one section.
  const partial = exact ? [] : deps.filter((d) => n.length >= 2 && (normalizeName(d.name).includes(n) || n.includes(normalizeName(d.name))))
  let id: number
  if (exact) id = exact.id
  else if (partial.length === 1 && partial[0]) {
    id = partial[0].id
    s.warnings.add(`承办股室“${name}”按“${partial[0].name}”导入`, row)
  } else {
    const created = await trx
      .insertInto('departments')
      .values({ name: name.slice(0, 50), sort_order: 100, active: 1, created_at: stamp(ctx), import_batch_id: s.batchId })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = created.id
    deps.push({ id, name: name.slice(0, 50) })
    s.counts.departmentsCreated++
    await audit(trx, ctx, 'import', 'department', id, { batchId: s.batchId, name })
    s.warnings.add(`承办股室“${name}”不在股室列表中，已新增`, row)
  }
  s.departmentsByName.set(n, id)
  return id
}
