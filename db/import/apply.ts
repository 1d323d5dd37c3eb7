import path from 'node:path'
import { sql } from 'kysely'
import { audit } from '../audit'
import type { WorkCalendar } from '../calendar/working-days'
import { stamp, today, write, type LedgerContext, type Tx } from '../context'
import { loadCalendar } from '../deadlines'
import { matchOrganization, matchVisitor, resolveOrganization, resolveVisitor } from '../directory'
import { LedgerError } from '../errors'
import { SESSION_KIND_LABEL } from '../sessions'
import type {
  ImportBatchSummary,
  ImportCounts,
  ImportField,
  ImportMapping,
  ImportOptions,
  ImportReport,
  ImportRowProblem,
  ImportWarning,
  IssueStatus,
  SessionKind,
  VisitorKind,
} from '../types'
import { nextIssueNumber } from '../visits'
import { emptyImportCounts } from './counts'
import { defaultSheetOf, describeSheets, layOut } from './inspect'
import type { LayoutColumn, SheetLayout } from './layout'
import { readWorkbook, type Grid } from './read'
import { buildRecords, linkedSheets, mappingByNumber, numberKey, resolveMapping, type ImportRecord, type IssuePlan, type LinkedSheets, type MatterRecord } from './records'

// The import itself: every record of the sheet written in ONE transaction, each row inside a
// savepoint so a row the ledger refuses can be reported (dry run) or skipped (skipBad) without
// leaving half of it behind; any other failure rolls back the whole import. A dry run is the same
// import, rolled back at the end: what it reports is exactly what the import would do.

export interface ImportRequest {
  file: string
  mapping: ImportMapping
  options?: ImportOptions | undefined
  /** Called after each row with the rows done so far; throwing from it cancels the import. */
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined
}

const LOCATION_UNKNOWN = '原台账未记录地点'
const YIELD_EVERY = 25

class Warnings {
  private readonly byMessage = new Map<string, Set<number>>()
  add(message: string, row: number | null): void {
    const rows = this.byMessage.get(message) ?? new Set<number>()
    if (row !== null) rows.add(row)
    this.byMessage.set(message, rows)
  }
  list(): ImportWarning[] {
    return [...this.byMessage].map(([message, rows]) => ({ message, rows: [...rows].sort((a, b) => a - b) }))
  }
}

interface Prepared {
  fileName: string
  grid: Grid
  layout: SheetLayout
  columns: Map<ImportField, LayoutColumn>
  links: LinkedSheets
  records: ImportRecord[]
  unreadable: ImportRowProblem[]
  blankRows: number
  totalRows: number
  defaultKind: SessionKind
  location: string | null
  warnings: Warnings
}

async function prepare(ctx: LedgerContext, req: ImportRequest): Promise<Prepared> {
  const workbook = await readWorkbook(req.file)
  const all = layOut(workbook)
  let sheetName = req.options?.sheet
  if (sheetName === undefined) sheetName = defaultSheetOf(describeSheets(all))
  const chosen = all.find((l) => l.grid.name === sheetName)
  if (!chosen) throw new LedgerError('import_sheet', `工作表“${sheetName}”不存在`)
  if (chosen.layout === null) {
    throw new LedgerError('import_header', `工作表“${chosen.grid.name}”中找不到表头行（如“来访日期”“来访人”“反映问题”），请确认选对了工作表`)
  }
  const layout = chosen.layout
  const columns = resolveMapping(layout, req.mapping)
  const links = linkedSheets(all, chosen.grid.name)
  const warnings = new Warnings()
  const built = buildRecords(chosen.grid, layout, columns, { today: today(ctx), titleYear: layout.titleYear, links, warn: (m, r) => warnings.add(m, r) })
  if (links.names.length > 0) warnings.add(`已按问题编号从工作表“${links.names.join('”“')}”补充办理情况和回访记录`, null)
  // Issues taken by phone or letter have no visit in 来访登记: they are not in the imported sheet.
  const referenced = new Set(built.records.flatMap((r) => r.matters.map((m) => (m.issue?.originalNumber ? numberKey(m.issue.originalNumber) : ''))))
  const unreferenced = [...links.issues.keys()].filter((n) => !referenced.has(n))
  if (unreferenced.length > 0 && links.issues.size > 0) {
    const shown = unreferenced.slice(0, 5).join('、')
    warnings.add(`问题台账中有 ${unreferenced.length} 个问题在本表中没有对应的来访（如电话、来信受理的问题，或本表无法读取的行），未导入：${shown}${unreferenced.length > 5 ? ' 等' : ''}`, null)
  }

  let defaultKind = req.options?.defaultKind
  if (defaultKind === undefined) {
    const withOrganization = built.records.filter((r) => r.organization !== null).length
    defaultKind = withOrganization * 2 >= built.records.length ? 'enterprise' : 'public'
  }
  const unlabelled = built.records.filter((r) => r.kind === null)
  if (unlabelled.length > 0) {
    warnings.add(`表格未注明接待类型的行按“${SESSION_KIND_LABEL[defaultKind]}”导入`, null)
  }
  const location = req.options?.location?.trim() || null
  return { fileName: path.basename(req.file), grid: chosen.grid, layout, columns, links, ...built, defaultKind, location, warnings }
}

// ---- matching names to the ledger's lists ----

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

interface Lists {
  categories: { id: number; name: string; time_limit_days: number }[]
  departments: { id: number; name: string }[]
  staff: { id: number; name: string }[]
  calendar: WorkCalendar
}

function normalizeName(text: string): string {
  return text.replace(/[\s\u3000]/g, '')
}

function categoryFor(lists: Lists, name: string | null, warn: (m: string) => void): { id: number; time_limit_days: number } {
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

// ---- the import ----

class DryRunDone extends Error {
  constructor(readonly report: ImportBatchSummary) {
    super('dry run')
  }
}

interface RunState {
  batchId: number
  lists: Lists
  sessions: Map<string, { id: number; created: boolean }>
  departmentsByName: Map<string, number>
  visitorsMatched: Set<number>
  organizationsMatched: Set<number>
  preMaxVisitor: number
  preMaxOrganization: number
  counts: ImportCounts
  warnings: Warnings
  prepared: Prepared
}

async function maxId(trx: Tx, table: 'visitors' | 'organizations' | 'issue_history' | 'progress_notes' | 'callbacks' | 'extensions'): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst()
  return Number(row?.m ?? 0)
}

/** A visit already in the ledger on the same day, by the same name, about the same thing. */
async function duplicateOf(trx: Tx, s: RunState, r: ImportRecord): Promise<string | null> {
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

async function sessionFor(trx: Tx, ctx: LedgerContext, s: RunState, r: ImportRecord): Promise<number> {
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
  const title = (r.sessionTitle ?? `${y}年${Number(m)}月${Number(d)}日${SESSION_KIND_LABEL[kind]}`).slice(0, 60)
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

function staffId(s: RunState, name: string | null, role: string, row: number): number | null {
  if (name === null) return null
  const found = s.lists.staff.find((p) => normalizeName(p.name) === normalizeName(name))
  if (!found) s.warnings.add(`${role}“${name}”不在人员名单中，留空`, row)
  return found?.id ?? null
}

async function departmentFor(trx: Tx, ctx: LedgerContext, s: RunState, name: string, row: number): Promise<number> {
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

const WORKED: readonly IssueStatus[] = ['assigned', 'in_progress', 'resolved', 'closed', 'reopened']

async function writeIssue(trx: Tx, ctx: LedgerContext, s: RunState, r: ImportRecord, matterId: number, m: MatterRecord, plan: IssuePlan, categoryId: number, limit: number, firstContactId: number | null): Promise<string> {
  const { number, yearMonth, seq } = await nextIssueNumber(trx, r.date)
  const at = stamp(ctx)
  const departmentId = plan.department !== null && WORKED.includes(plan.status) ? await departmentFor(trx, ctx, s, plan.department, r.row) : null
  const assigneeId = WORKED.includes(plan.status) ? staffId(s, plan.assignee, '承办人', r.row) : null
  const leaderId = WORKED.includes(plan.status) ? staffId(s, plan.leader, '包案领导', r.row) : null
  const issue = await trx
    .insertInto('issues')
    .values({
      matter_id: matterId,
      number,
      year_month: yearMonth,
      seq,
      status: plan.status,
      category_id: categoryId,
      accepted_date: r.date,
      due_date: plan.dueDate ?? s.lists.calendar.addWorkdays(r.date, limit),
      department_id: departmentId,
      assignee_id: assigneeId,
      leader_id: leaderId,
      first_contact_id: firstContactId,
      result: plan.result,
      resolved_date: plan.resolvedDate,
      closed_date: plan.closedDate,
      transfer_to: plan.transferTo,
      reason: plan.status === 'transferred' || plan.status === 'rejected' ? plan.reason : null,
      created_at: at,
      updated_at: at,
      import_batch_id: s.batchId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // The history carries the sheet's dates, so 上月结转 and the timeline read as they happened.
  for (const step of plan.steps) {
    const detail: Record<string, unknown> = { importBatchId: s.batchId, row: r.row }
    if (step.action === 'accept') detail.number = number
    if (step.action === 'assign') Object.assign(detail, { department: plan.department, assignee: plan.assignee, leader: plan.leader })
    if (step.action === 'transfer') detail.to = plan.transferTo
    await trx
      .insertInto('issue_history')
      .values({ issue_id: issue.id, action: step.action, from_status: step.from, to_status: step.to, actor_id: null, at: step.at, reason: step.reason, detail: JSON.stringify(detail) })
      .execute()
  }
  if (plan.progressNote !== null) {
    await trx
      .insertInto('progress_notes')
      .values({ issue_id: issue.id, kind: 'progress', note_date: r.date, note: plan.progressNote, actor_id: null, created_at: `${r.date} ${r.time}` })
      .execute()
  }
  for (const c of plan.callbacks) {
    await trx
      .insertInto('callbacks')
      .values({ issue_id: issue.id, callback_date: c.date, method: c.method, satisfaction: c.satisfaction, comment: c.comment, actor_id: null, created_at: `${c.date} 17:30:00` })
      .execute()
  }
  await audit(trx, ctx, 'import', 'issue', issue.id, {
    batchId: s.batchId,
    row: r.row,
    number,
    status: plan.status,
    originalNumber: plan.originalNumber,
    callbacks: plan.callbacks.length,
    content: m.content.slice(0, 40),
  })
  s.counts.issues++
  s.counts.issuesByStatus[plan.status]++
  s.counts.callbacks += plan.callbacks.length
  return number
}

async function writeRecord(trx: Tx, ctx: LedgerContext, s: RunState, r: ImportRecord): Promise<void> {
  let organizationId: number | null = null
  if (r.organization) {
    const found = await matchOrganization(trx, r.organization)
    // A match is used as it stands: a years-old row must not overwrite what the desk knows now.
    organizationId = found ? found.id : await resolveOrganization(trx, ctx, r.organization)
    if (found && found.id <= s.preMaxOrganization) s.organizationsMatched.add(found.id)
  }
  const kind: VisitorKind = organizationId !== null ? 'enterprise' : r.visitor.kind
  const visitorInput = { ...r.visitor, kind }
  const foundVisitor = await matchVisitor(trx, visitorInput, organizationId)
  const visitorId = foundVisitor ? foundVisitor.id : await resolveVisitor(trx, ctx, visitorInput, organizationId)
  if (foundVisitor && foundVisitor.id <= s.preMaxVisitor) s.visitorsMatched.add(foundVisitor.id)

  const sessionId = await sessionFor(trx, ctx, s, r)
  const receivedById = staffId(s, r.receivedBy, '接待人', r.row)
  const at = stamp(ctx)
  const visit = await trx
    .insertInto('visits')
    .values({
      session_id: sessionId,
      visitor_id: visitorId,
      organization_id: organizationId,
      headcount: r.headcount,
      visit_date: r.date,
      arrived_at: `${r.date} ${r.time}`,
      received_by_id: receivedById,
      note: r.note,
      voided_at: null,
      void_reason: null,
      created_at: at,
      import_batch_id: s.batchId,
      import_row: r.row,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const numbers: string[] = []
  let consultations = 0
  for (const m of r.matters) {
    const category = categoryFor(s.lists, m.category, (message) => s.warnings.add(message, r.row))
    const matter = await trx
      .insertInto('matters')
      .values({ visit_id: visit.id, type: m.type, category_id: category.id, content: m.content, answer: m.type === 'consultation' ? m.answer : null, place: m.place, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (m.type === 'consultation' || m.issue === null) {
      consultations++
      continue
    }
    numbers.push(await writeIssue(trx, ctx, s, r, matter.id, m, m.issue, category.id, category.time_limit_days, receivedById))
  }
  await audit(trx, ctx, 'import', 'visit', visit.id, {
    batchId: s.batchId,
    row: r.row,
    sessionId,
    visitorId,
    organizationId,
    headcount: r.headcount,
    consultations,
    issues: numbers,
  })
  s.counts.visits++
  s.counts.imported++
  s.counts.personTimes += r.headcount
  s.counts.consultations += consultations
}

function rowFailure(row: number, e: LedgerError): LedgerError {
  return new LedgerError(e.code, `第 ${row} 行：${e.message}。导入已取消，台账未作任何改动`)
}

async function importAll(ctx: LedgerContext, req: ImportRequest, p: Prepared, dryRun: boolean): Promise<ImportBatchSummary> {
  const skipBad = req.options?.skipBad === true
  const unreadableRows = new Set(p.unreadable.map((u) => u.row))
  if (!dryRun && unreadableRows.size > 0 && !skipBad) {
    const rows = [...unreadableRows].sort((a, b) => a - b)
    throw new LedgerError(
      'import_unreadable',
      `有 ${rows.length} 行无法读取（第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''} 行），请先在表格中修正，或选择“跳过无法读取的行”后再导入。台账未作任何改动`,
    )
  }
  const total = p.records.length
  return write(ctx, async (trx) => {
    const categories = await trx.selectFrom('categories').select(['id', 'name', 'time_limit_days']).orderBy('sort_order').orderBy('id').execute()
    if (categories.length === 0) throw new LedgerError('import_setup', '台账中还没有问题类别，请先在“设置 → 问题类别”中设置')
    const lists: Lists = {
      categories,
      departments: await trx.selectFrom('departments').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute(),
      staff: await trx.selectFrom('staff').select(['id', 'name']).orderBy('active', 'desc').orderBy('id').execute(),
      calendar: await loadCalendar(trx),
    }
    const mapping = mappingByNumber(p.columns)
    const batch = await trx
      .insertInto('import_batches')
      .values({
        file_name: p.fileName,
        sheet: p.grid.name,
        mapping: JSON.stringify(mapping),
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        created_at: stamp(ctx),
        finished_at: null,
        undone_at: null,
        undone_by_id: null,
        undone_by_name: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const s: RunState = {
      batchId: batch.id,
      lists,
      sessions: new Map(),
      departmentsByName: new Map(),
      visitorsMatched: new Set(),
      organizationsMatched: new Set(),
      preMaxVisitor: await maxId(trx, 'visitors'),
      preMaxOrganization: await maxId(trx, 'organizations'),
      counts: emptyImportCounts(),
      warnings: p.warnings,
      prepared: p,
    }
    const duplicates: ImportRowProblem[] = []
    const refused: ImportRowProblem[] = []
    const months = new Set<string>()
    for (const [i, r] of p.records.entries()) {
      await sql`savepoint import_row`.execute(trx)
      try {
        const duplicate = await duplicateOf(trx, s, r)
        if (duplicate !== null) duplicates.push({ row: r.row, column: null, message: duplicate })
        else {
          await writeRecord(trx, ctx, s, r)
          months.add(r.date.slice(0, 7))
        }
        await sql`release import_row`.execute(trx)
      } catch (e) {
        await sql`rollback to import_row`.execute(trx)
        await sql`release import_row`.execute(trx)
        if (!(e instanceof LedgerError)) throw e
        if (!dryRun && !skipBad) throw rowFailure(r.row, e)
        refused.push({ row: r.row, column: null, message: e.message })
      }
      req.onProgress?.({ done: i + 1, total })
      // Lets the app answer the progress poll while a long import runs.
      if ((i + 1) % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    }

    await trx.updateTable('visitors').set({ import_batch_id: s.batchId }).where('id', '>', s.preMaxVisitor).where('import_batch_id', 'is', null).execute()
    await trx.updateTable('organizations').set({ import_batch_id: s.batchId }).where('id', '>', s.preMaxOrganization).where('import_batch_id', 'is', null).execute()
    const counts: ImportCounts = {
      ...s.counts,
      rows: p.records.length + unreadableRows.size,
      visitorsCreated: (await maxId(trx, 'visitors')) - s.preMaxVisitor,
      visitorsMatched: s.visitorsMatched.size,
      organizationsCreated: (await maxId(trx, 'organizations')) - s.preMaxOrganization,
      organizationsMatched: s.organizationsMatched.size,
      months: [...months].sort(),
    }
    const unreadable = [...p.unreadable, ...refused].sort((a, b) => a.row - b.row)
    const skipped = new Set(unreadable.map((u) => u.row)).size
    const report: ImportBatchSummary = {
      batchId: s.batchId,
      fileName: p.fileName,
      sheet: p.grid.name,
      headerRow: p.layout.headerIndex + 1,
      mapping,
      counts,
      blankRows: p.blankRows,
      totalRows: p.totalRows,
      duplicates,
      unreadable,
      warnings: s.warnings.list(),
      skipped: dryRun ? 0 : skipped,
    }
    if (dryRun) throw new DryRunDone(report)

    await trx
      .updateTable('import_batches')
      .set({
        rows_total: counts.rows,
        rows_imported: counts.imported,
        rows_skipped: skipped,
        rows_duplicate: duplicates.length,
        summary: JSON.stringify(counts),
        last_history_id: await maxId(trx, 'issue_history'),
        last_note_id: await maxId(trx, 'progress_notes'),
        last_callback_id: await maxId(trx, 'callbacks'),
        last_extension_id: await maxId(trx, 'extensions'),
        finished_at: stamp(ctx),
      })
      .where('id', '=', s.batchId)
      .execute()
    await audit(trx, ctx, 'import', 'import_batch', s.batchId, {
      file: p.fileName,
      sheet: p.grid.name,
      mapping,
      rows: counts.rows,
      imported: counts.imported,
      skippedRows: unreadable.map((u) => u.row),
      duplicateRows: duplicates.map((d) => d.row),
      visits: counts.visits,
      issues: counts.issues,
      consultations: counts.consultations,
      sessionsCreated: counts.sessionsCreated,
    })
    return report
  })
}

/** What the import would do, row by row, without changing the ledger. */
export async function dryRunImport(ctx: LedgerContext, req: ImportRequest): Promise<ImportReport> {
  const p = await prepare(ctx, req)
  try {
    await importAll(ctx, req, p, true)
  } catch (e) {
    if (e instanceof DryRunDone) {
      const { batchId: _batchId, skipped: _skipped, ...report } = e.report
      return report
    }
    throw e
  }
  throw new LedgerError('internal', '试导入未能完成')
}

/** Imports the sheet as one batch, all or nothing; refuses unreadable rows unless options.skipBad. */
export async function runImport(ctx: LedgerContext, req: ImportRequest): Promise<ImportBatchSummary> {
  const p = await prepare(ctx, req)
  return importAll(ctx, req, p, false)
}
