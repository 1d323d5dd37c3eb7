import { search } from '../../db/search/search'
import type { Handlers } from './types'

export const searchHandlers = {
  'search-all': (state, input) => search(state.ledger.db, input.query, { limit: input.limit, kinds: input.kinds }),
} satisfies Partial<Handlers>
