import { nextVersion } from '../core/versions'
import { stamp, type LedgerContext, type Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import { FOUND_TRUE, finding as findingList, measureKind, type Finding, type MeasureKind } from '../../shared/codes/case-file'
import { MAX_FINE_YUAN } from '../../shared/limits'
import { requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'

// 查实情况 and 处理措施, recorded at 办结. The rules:
// - an issue about an enterprise (被反映对象) was a complaint, so its 办结 says what checking found;
//   any other issue may say it too;
// - 属实 or 部分属实 needs at least one 处理措施: something was done about what was found;
// - each measure at most once; 责令整改 names its deadline, 立案处罚 its fine in 元 (0 when the case
//   carries none), 移送 the body it went to, 其他 what it was.

export type MeasureInput =
  | { kind: 'guidance'; note?: string | null | undefined }
  | { kind: 'rectify'; rectifyDeadline: string; note?: string | null | undefined }
  | { kind: 'penalty'; fineYuan: number; note?: string | null | undefined }
  | { kind: 'referral'; referredTo: string; note?: string | null | undefined }
  | { kind: 'other'; note: string }

export interface FindingsInput {
  finding?: Finding | null | undefined
  measures?: MeasureInput[] | undefined
}

interface CleanMeasure {
  kind: MeasureKind
  rectifyDeadline: string | null
  fineFen: number | null
  referredTo: string | null
  note: string | null
}

export interface CleanFindings {
  finding: Finding | null
  measures: CleanMeasure[]
}

/** 元 as typed (a number, at most two decimals) → 分, or a refusal in Chinese. */
export function fineInFen(yuan: unknown): number {
  if (typeof yuan !== 'number' || !Number.isFinite(yuan)) throw new LedgerError('invalid_amount', '罚款金额须为数字（元）')
  if (yuan < 0) throw new LedgerError('invalid_amount', '罚款金额不能为负数')
  if (yuan > MAX_FINE_YUAN) throw new LedgerError('invalid_amount', `罚款金额不能超过 ${MAX_FINE_YUAN.toLocaleString('zh-CN')} 元，请核对`)
  const fen = Math.round(yuan * 100)
  if (Math.abs(fen - yuan * 100) > 1e-6) throw new LedgerError('invalid_amount', '罚款金额最多保留两位小数（元、角、分）')
  return fen
}

function cleanMeasure(m: MeasureInput, acceptedDate: string): CleanMeasure {
  const label = measureKind.label(m.kind)
  const note = m.kind === 'other' ? requireText(m.note, '其他处理措施的内容', 200) : optionalText(m.note, `${label}的说明`, 200)
  const base: CleanMeasure = { kind: m.kind, rectifyDeadline: null, fineFen: null, referredTo: null, note }
  switch (m.kind) {
    case 'rectify': {
      const deadline = requireDate(m.rectifyDeadline, '整改期限')
      if (deadline < acceptedDate) throw new LedgerError('invalid_date', `整改期限不能早于受理日期（${acceptedDate}）`)
      return { ...base, rectifyDeadline: deadline }
    }
    case 'penalty':
      return { ...base, fineFen: fineInFen(m.fineYuan) }
    case 'referral':
      return { ...base, referredTo: requireText(m.referredTo, '移送单位', 100) }
    case 'guidance':
    case 'other':
      return base
    default:
      throw new LedgerError('invalid_input', '请选择处理措施')
  }
}

export function cleanFindings(input: FindingsInput, issue: { acceptedDate: string; hasSubject: boolean }): CleanFindings {
  const finding = input.finding ?? null
  if (finding !== null && !findingList.has(finding)) throw new LedgerError('invalid_input', '请选择查实情况')
  const measures = (input.measures ?? []).map((m) => cleanMeasure(m, issue.acceptedDate))
  const seen = new Set<MeasureKind>()
  for (const m of measures) {
    if (seen.has(m.kind)) throw new LedgerError('invalid_input', `处理措施“${measureKind.label(m.kind)}”只需填写一次`)
    seen.add(m.kind)
  }
  if (finding === null && issue.hasSubject) {
    throw new LedgerError('required', '本问题有被反映对象，办结时请选择查实情况（属实、部分属实、不属实或无法查实）')
  }
  if (finding === null && measures.length > 0) throw new LedgerError('required', '填写处理措施时请同时选择查实情况')
  if (finding !== null && FOUND_TRUE.some((f) => f === finding) && measures.length === 0) {
    throw new LedgerError('required', `查实情况为“${findingList.label(finding)}”时请至少选择一项处理措施`)
  }
  return { finding, measures }
}

/** Writes what the 办结 (history row `historyId`) found and did, in its transaction. */
export async function recordFindings(trx: Tx, ctx: LedgerContext, issueId: number, historyId: number, f: CleanFindings): Promise<void> {
  await trx.updateTable('issues').set({ version: nextVersion, finding: f.finding }).where('id', '=', issueId).execute()
  if (f.measures.length === 0) return
  const at = stamp(ctx)
  await trx
    .insertInto('issue_measures')
    .values(
      f.measures.map((m) => ({
        issue_id: issueId,
        history_id: historyId,
        kind: m.kind,
        rectify_deadline: m.rectifyDeadline,
        fine_fen: m.fineFen,
        referred_to: m.referredTo,
        note: m.note,
        created_at: at,
      })),
    )
    .execute()
}

/** For the 办结 history row: what was found and done, in words. */
export function findingsDetail(f: CleanFindings): Record<string, unknown> {
  if (f.finding === null) return {}
  return {
    finding: findingList.label(f.finding),
    measures: f.measures.map((m) => measureKind.label(m.kind)),
    ...(f.measures.some((m) => m.fineFen !== null) ? { fineYuan: (f.measures.find((m) => m.fineFen !== null)?.fineFen ?? 0) / 100 } : {}),
  }
}
