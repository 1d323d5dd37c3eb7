import { codeList, type CodeOf } from './define'

/** Personal data kept in full in the ledger and masked everywhere it is shown. */
export const revealField = codeList({ phone: '联系电话', idNumber: '身份证号' })
export type RevealField = CodeOf<typeof revealField>
