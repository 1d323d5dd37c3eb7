import { listOrganizations, listVisitors, mergeOrganizations, mergeVisitors } from '../../db/directory/list'
import { ledgerContext } from './ledger-context'
import type { Handler } from './types'

export const organizationList: Handler<'organization-list'> = (state, input) => listOrganizations(state.ledger.db, input)
export const visitorList: Handler<'visitor-list'> = (state, input) => listVisitors(state.ledger.db, input)
export const organizationMerge: Handler<'organization-merge'> = (state, input) => mergeOrganizations(ledgerContext(state), input)
export const visitorMerge: Handler<'visitor-merge'> = (state, input) => mergeVisitors(ledgerContext(state), input)
