import { search } from '../../db/search/search'
import type { Handler } from './types'

export const searchAll: Handler<'search-all'> = (state, input) => search(state.ledger.db, input.query, { limit: input.limit, kinds: input.kinds })
