import type { PetitionFigures } from '../../../electron/contract/types'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)
/** "100%（3 / 3）": the rate with what it divides, or a dash when nothing is due yet. */
const rateOf = (v: number | null, part: number, whole: number) => (whole === 0 ? '—' : `${rate(v)}（${part} / ${whole}）`)

/** The 信访 figures shared by the 统计 screen and the printed report, in the office's order. */
export function petitionFigureRows(f: PetitionFigures): [string, string][] {
  return [
    ['信访件数（件）', String(f.registered)],
    ['其中：来访 / 来信 / 网上 / 其他', `${f.byForm.visit} / ${f.byForm.letter} / ${f.byForm.online} / ${f.byForm.other}`],
    ['受理 / 不予受理 / 转送', `${f.accepted} / ${f.rejected} / ${f.forwarded}`],
    ['尚未作出决定（件）', String(f.undecided)],
    ['按期告知率', rateOf(f.noticeOnTimeRate, f.noticesOnTime, f.noticesDue)],
    ['按期办结率', rateOf(f.handlingOnTimeRate, f.repliedOnTime, f.repliesDue)],
    ['延期件数（件）', String(f.extended)],
    ['复查 / 复核件数', `${f.reviews} / ${f.rereviews}`],
    ['转办件（件）', String(f.referralTotal.count)],
    ['转办件按期回复率', rate(f.referralTotal.replyOnTimeRate)],
  ]
}

/** 转办件 by 来源: name, count, replied, on time, rate. */
export function referralRows(f: PetitionFigures): [string, number, number, number, string][] {
  return f.referrals.map((r) => [r.sourceName, r.count, r.replied, r.repliedOnTime, rate(r.replyOnTimeRate)])
}

/** Whether the month had anything of the kind at all: the report leaves the section out otherwise. */
export function hasPetitionFigures(f: PetitionFigures): boolean {
  return f.registered > 0 || f.reviews + f.rereviews > 0 || f.referralTotal.count > 0
}
