import { codeList, type CodeOf } from './define'

/** How a matter reached the bureau: at the desk on a reception day, or between them (a walk-in on another day included). */
export const channel = codeList({ desk: '现场接待', walk_in: '非接待日来访', phone: '电话', letter: '来信', online: '网上', other: '其他' })
export type Channel = CodeOf<typeof channel>

/** The channels of 来电来信 (anything but a reception day's desk). */
export const CONTACT_CHANNELS = ['walk_in', 'phone', 'letter', 'online', 'other'] as const satisfies readonly Channel[]

export const matterType = codeList({ consultation: '咨询', issue: '受理问题' })
export type MatterType = CodeOf<typeof matterType>

export const visitorKind = codeList({ resident: '群众', enterprise: '企业' })
export type VisitorKind = CodeOf<typeof visitorKind>

export const appointmentStatus = codeList({ booked: '已预约', arrived: '已到访', no_show: '未到', cancelled: '已取消' })
export type AppointmentStatus = CodeOf<typeof appointmentStatus>

/** What 更正 corrects (db/visits/corrections.ts): a visit, one of its matters, or an issue. */
export const correctionEntity = codeList({ visit: '来访登记', matter: '事项', issue: '问题' })
export type CorrectionEntity = CodeOf<typeof correctionEntity>

/** The fields 更正 may change, as the record's history names them. */
export const correctionField = codeList({
  headcount: '来访人数',
  note: '备注',
  content: '内容',
  answer: '答复内容',
  place: '问题地点',
  result: '办理结果',
})
export type CorrectionField = CodeOf<typeof correctionField>
