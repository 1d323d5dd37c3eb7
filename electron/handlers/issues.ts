import { today } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { addAttachment, attachmentFile, placeOfLedger } from '../../db/attachments/attachments'
import { defaultViewFolder } from '../../db/attachments/view-folder'
import {
  addProgress,
  assignIssue,
  closeIssue,
  extendIssue,
  recordCallback,
  rejectIssue,
  resolveIssue,
  superviseIssue,
  transferIssue,
} from '../../db/issues/actions'
import { callbackQueue } from '../../db/issues/callback-queue'
import { countDueIssues, listIssues } from '../../db/issues/queries'
import { getIssueDetail } from '../../db/issues/detail'
import { correctIssue } from '../../db/issues/text'
import { revealForCallback } from '../../db/privacy/reveal'
import { correctIssueCategory } from '../../db/issues/category'
import { returnSection, signSection } from '../../db/issues/sections'
import { repeatCandidates, updateIssueCaseFile } from '../../db/issues/subject'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const issuesHandlers = {
  'issue-list': (state, input) => listIssues(state.ledger.db, input, today(ledgerContext(state))),
  'issue-due-counts': (state) => countDueIssues(state.ledger.db, today(ledgerContext(state))),
  'issue-get': (state, input) => getIssueDetail(state.ledger.db, input.id, today(ledgerContext(state))),
  'issue-assign': (state, input) => assignIssue(ledgerContext(state), input),
  'issue-progress': (state, input) => addProgress(ledgerContext(state), input),
  'issue-supervise': (state, input) => superviseIssue(ledgerContext(state), input),
  'issue-extend': (state, input) => extendIssue(ledgerContext(state), input),
  'issue-resolve': (state, input) => resolveIssue(ledgerContext(state), input),
  'issue-callback': (state, input) => recordCallback(ledgerContext(state), input),
  'issue-close': (state, input) => closeIssue(ledgerContext(state), input),
  'issue-transfer': (state, input) => transferIssue(ledgerContext(state), input),
  'issue-reject': (state, input) => rejectIssue(ledgerContext(state), input),
  'issue-correct': (state, input) => correctIssue(ledgerContext(state), input),
  'issue-section-sign': (state, input) => signSection(ledgerContext(state), input),
  'issue-section-return': (state, input) => returnSection(ledgerContext(state), input),
  'issue-repeat-candidates': (state, input) => repeatCandidates(state.ledger.db, input, today(ledgerContext(state))),
  'issue-update-case-file': (state, input) => updateIssueCaseFile(ledgerContext(state), input),
  'issue-correct-category': (state, input) => correctIssueCategory(ledgerContext(state), input),
  'issue-attachment-add': async (state, input) => {
    const ctx = ledgerContext(state)
    await addAttachment(ctx, placeOfLedger(state.ledger), {
      issueId: input.issueId,
      kind: input.kind,
      fileName: input.fileName,
      bytes: Buffer.from(input.contentBase64, 'base64'),
    })
    return getIssueDetail(state.ledger.db, input.issueId, today(ctx))
  },
  'issue-attachment-open': async (state, input) => {
    if (!state.showStoredFile) throw new LedgerError('unavailable', '当前环境无法打开附件，请在桌面程序中查看')
    // Decrypted into the app's temporary folder (owner-only), never beside the stored files.
    const viewFolder = state.viewFolder ?? defaultViewFolder()
    const { file, attachment } = await attachmentFile(state.ledger.db, placeOfLedger(state.ledger), input.attachmentId, viewFolder)
    return { downloadUrl: await state.showStoredFile(file, attachment.originalName, attachment.mediaType) }
  },
  'callback-due': (state, input) => callbackQueue(ledgerContext(state), 'due', input),
  'callback-to-close': (state, input) => callbackQueue(ledgerContext(state), 'toClose', input),
  'callback-reveal-phone': (state, input) => revealForCallback(ledgerContext(state), input),
} satisfies Partial<Handlers>
