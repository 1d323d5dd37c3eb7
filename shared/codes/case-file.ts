import { codeList, type CodeOf } from './define'

// The case file of an issue: what was found at 办结, what was done, and which sections answer for it.

/** 查实情况: what checking the complaint found. */
export const finding = codeList({
  verified: '属实',
  partly_verified: '部分属实',
  unfounded: '不属实',
  unverifiable: '无法查实',
})
export type Finding = CodeOf<typeof finding>

/** Findings that count towards 属实率's numerator. */
export const FOUND_TRUE = ['verified', 'partly_verified'] as const satisfies readonly Finding[]

/** 处理措施: one or more per 办结. */
export const measureKind = codeList({
  guidance: '现场指导',
  rectify: '责令整改',
  penalty: '立案处罚',
  referral: '移送',
  other: '其他',
})
export type MeasureKind = CodeOf<typeof measureKind>

/** 主办 is the lead section (issues.department_id), 协办 the sections assisting it. */
export const sectionRole = codeList({ lead: '主办', assist: '协办' })
export type SectionRole = CodeOf<typeof sectionRole>

/**
 * A section's answer to its handover: 待签收 until it signs or sends it back; 已撤回 when a
 * reassignment, 转办 or 不予受理 took the handover away before it answered.
 */
export const sectionStatus = codeList({ pending: '待签收', signed: '已签收', returned: '已退回', withdrawn: '已撤回' })
export type SectionStatus = CodeOf<typeof sectionStatus>
