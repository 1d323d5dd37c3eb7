import type { CaseFileFigures } from '../../../electron/contract/types'
import { finding } from '../../../shared/codes/case-file'
import { yuan } from '../issues/case-file/measureText'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)

/** The case file's figures, for the 统计 screen and the printed report alike. */
export function caseFileRows(c: CaseFileFigures): [string, string][] {
  return [
    ['重复件（个）', String(c.repeats)],
    [`集体访（${c.collectiveHeadcount}人及以上，批 / 人次）`, `${c.collectiveVisits} / ${c.collectivePersonTimes}`],
    ['查实情况（已办结）', finding.codes.map((f) => `${finding.labels[f]} ${c.findings[f]}`).join('，')],
    ['属实率', rate(c.verifiedRate)],
    ['责令整改（件）', String(c.rectifyOrders)],
    ['立案数（件）', String(c.penaltyCases)],
    ['罚款金额', yuan(c.fineYuan)],
    ['移送（件）', String(c.referrals)],
    ['超期后延期（次）', String(c.lateExtensions)],
  ]
}
