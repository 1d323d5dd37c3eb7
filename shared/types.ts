// Domain objects as they cross into the renderer: camelCase, booleans, personal data masked.
// This file is pure types so the renderer can import it without pulling in Node or SQLite.
// The types live by domain in db/types/; this file only re-exports them so db/ and electron/contract/types.ts (which re-exports it for the renderer) keep one import path.

export type * from './types/reference'
export type * from './types/sessions'
export type * from './types/visits'
export type * from './types/issues'
export type * from './types/directory'
export type * from './types/figures'
export type * from './types/print'
export type * from './types/search'
export type * from './types/reliability'
export type * from './types/export'
export type * from './types/appointments'
export type * from './types/import'
