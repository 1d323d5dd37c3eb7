import { codeList, type CodeOf } from './define'

// Files on an issue: what each one is, and the types the ledger keeps.

/** What a file on an issue is. */
export const attachmentKind = codeList({
  handover_receipt: '交办单签收件',
  site_photo: '现场照片',
  reply_letter: '回复函',
  other: '其他',
})
export type AttachmentKind = CodeOf<typeof attachmentKind>

/** The types kept, decided by the file's first bytes (db/attachments/content-type.ts), never by its name. */
export const attachmentMediaType = codeList({
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/pdf': 'PDF 文件',
})
export type AttachmentMediaType = CodeOf<typeof attachmentMediaType>

/** The name ending the system viewer goes by (Windows picks the viewer from it). */
export const ATTACHMENT_EXTENSION: Record<AttachmentMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
}
