// The ledger's domain types as they cross the boundary: the renderer imports them from here, the
// contract's side, and never reaches into db/ itself.
export type * from '../../shared/types'
