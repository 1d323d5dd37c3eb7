export type { AttachmentKind, AttachmentMediaType } from '../codes/attachments'
import type { AttachmentKind, AttachmentMediaType } from '../codes/attachments'

/** A file on an issue as the screens see it; the name is masked like any free text. */
export interface IssueAttachment {
  id: number
  issueId: number
  kind: AttachmentKind
  originalName: string
  mediaType: AttachmentMediaType
  size: number
  sha256: string
  actorName: string | null
  createdAt: string
}

/** Opening a file: null after the system viewer opened it; in the browser preview, where to download it. */
export interface AttachmentOpened {
  downloadUrl: string | null
}
