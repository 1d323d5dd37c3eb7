import { z } from 'zod'
import type { SearchResults } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { text } from './common'
import { searchKind } from '../../../shared/codes/search'

export const searchAllInput = z
  .object({
    query: text(100),
    limit: z.number().int().positive().max(100).optional(),
    kinds: z.array(z.enum(searchKind.codes)).max(3).optional(),
  })
  .strict()

export const searchCalls = {
  'search-all': call(searchAllInput).returns<SearchResults>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
