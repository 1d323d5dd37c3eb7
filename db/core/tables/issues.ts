import type { Generated } from 'kysely'
import type { CallbackMethod, IssueStatus, Satisfaction, Procedure } from '../../../shared/types'
import type { Finding, MeasureKind, SectionRole, SectionStatus } from '../../../shared/codes/case-file'
import type { AttachmentKind, AttachmentMediaType } from '../../../shared/codes/attachments'

// Issues and everything done on them: history, sections, measures, progress, extensions, callbacks, files. Row
// shapes as described in db/core/schema.ts, which joins them into the Database.

export interface IssuesTable {
  id: Generated<number>
  matter_id: number
  number: string
  year_month: string
  seq: number
  status: IssueStatus
  category_id: number
  accepted_date: string
  due_date: string
  department_id: number | null
  assignee_id: number | null
  leader_id: number | null
  first_contact_id: number | null
  result: string | null
  resolved_date: string | null
  closed_date: string | null
  transfer_to: string | null
  reason: string | null
  created_at: string
  updated_at: string
  import_batch_id: number | null
  /** 来源 (issue_sources); null only for rows written before sources existed by code that bypasses registration. */
  source_id: number | null
  /** 工单号 / 文号 of the transferring body. */
  source_ref: string | null
  /** The body that transferred the matter. */
  source_body: string | null
  procedure: Generated<Procedure>
  /** 被反映对象: the enterprise complained about (migration 0010). */
  subject_organization_id: Generated<number | null>
  /** 属地 (migration 0010). */
  locality_id: Generated<number | null>
  /** 重复件: the earlier issue this one repeats (migration 0010). */
  repeat_of_id: Generated<number | null>
  /** 查实情况 at the latest 办结 (migration 0010). */
  finding: Generated<Finding | null>
  /** Raised by one with every change the ledger makes; an edit names the one it read (migration 0017). */
  version: Generated<number>
}

/** 处理措施, each belonging to the 办结 history row that recorded it. */
export interface IssueMeasuresTable {
  id: Generated<number>
  issue_id: number
  history_id: number
  kind: MeasureKind
  rectify_deadline: string | null
  fine_fen: number | null
  referred_to: string | null
  note: string | null
  created_at: string
}

/** A file on an issue; its bytes are `<ledger>.files/<sha256>` (db/attachments/store.ts). */
export interface IssueAttachmentsTable {
  id: Generated<number>
  issue_id: number
  kind: AttachmentKind
  original_name: string
  media_type: AttachmentMediaType
  size: number
  sha256: string
  actor_id: number | null
  created_at: string
}

/** One section's handover of an issue (主办 or 协办) and its 签收 or 退回. */
export interface IssueSectionsTable {
  id: Generated<number>
  issue_id: number
  department_id: number
  role: SectionRole
  status: Generated<SectionStatus>
  assigned_at: string
  signed_date: string | null
  signer_id: number | null
  return_reason: string | null
  answered_at: string | null
  actor_id: number | null
}

export interface IssueHistoryTable {
  id: Generated<number>
  issue_id: number
  action: string
  from_status: IssueStatus | null
  to_status: IssueStatus
  actor_id: number | null
  at: string
  reason: string | null
  detail: string | null
}

export interface ProgressNotesTable {
  id: Generated<number>
  issue_id: number
  kind: Generated<'progress' | 'supervision'>
  note_date: string
  note: string
  actor_id: number | null
  created_at: string
}

export interface ExtensionsTable {
  id: Generated<number>
  issue_id: number
  old_due_date: string
  new_due_date: string
  approver_id: number
  reason: string
  actor_id: number | null
  created_at: string
  /** 1: granted after the deadline had passed (超期后延期); the issue still counts as overdue. */
  late: Generated<number>
}

export interface CallbacksTable {
  id: Generated<number>
  issue_id: number
  callback_date: string
  method: CallbackMethod
  satisfaction: Satisfaction
  comment: string | null
  actor_id: number | null
  created_at: string
}
