import { z } from 'zod'
import type {
  DirectoryPage,
  MergeResult,
  Organization,
  OrganizationHistory,
  OrganizationListItem,
  ReturningMatches,
  RevealedValue,
  Visitor,
  VisitorHistory,
  VisitorListItem,
} from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { id, text, optionalText, byId, page, pageSize, version } from './common'
import { revealField } from '../../../shared/codes/privacy'
import { visitorKind } from '../../../shared/codes/visits'

export const directoryLookupInput = z.object({ query: text(100) }).strict()

export const visitorUpdateInput = z
  .object({
    id,
    version,
    name: text(50),
    phone: optionalText(40),
    idNumber: optionalText(40),
    kind: z.enum(visitorKind.codes),
    address: optionalText(200),
    organizationId: id.nullish(),
    note: optionalText(500),
  })
  .strict()

export const organizationUpdateInput = z
  .object({
    id,
    version,
    name: text(100),
    creditCode: optionalText(40),
    address: optionalText(200),
    industry: optionalText(50),
    note: optionalText(500),
  })
  .strict()

export const directoryListInput = z.object({ query: text(100).optional(), page, pageSize }).strict()

/** Merging a duplicate enterprise or visitor into the record kept. */
export const mergeInput = z.object({ keepId: id, mergeId: id, reason: optionalText(200) }).strict()

export const visitorRevealInput = z.object({ visitorId: id, field: z.enum(revealField.codes), reason: text(200) }).strict()

export const identityCheckInput = z.object({ field: z.enum(['phone', 'idNumber', 'creditCode']), value: text(40) }).strict()

export const directoryCalls = {
  'directory-check-identity': call(identityCheckInput).returns<{ problem: string | null }>(),
  'directory-lookup': call(directoryLookupInput).returns<ReturningMatches>(),
  'visitor-history': call(byId).returns<VisitorHistory>(),
  'visitor-update': call(visitorUpdateInput).returns<Visitor>(),
  'organization-history': call(byId).returns<OrganizationHistory>(),
  'organization-update': call(organizationUpdateInput).returns<Organization>(),
  'organization-list': call(directoryListInput).returns<DirectoryPage<OrganizationListItem>>(),
  'visitor-list': call(directoryListInput).returns<DirectoryPage<VisitorListItem>>(),
  'organization-merge': call(mergeInput).returns<MergeResult<Organization>>(),
  'visitor-merge': call(mergeInput).returns<MergeResult<Visitor>>(),
  'visitor-reveal': call(visitorRevealInput).returns<RevealedValue>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
