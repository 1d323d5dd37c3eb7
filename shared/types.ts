// Domain objects as they cross into the renderer: camelCase, booleans, personal data masked.
// Pure types, so every runtime can import them. They live by domain in shared/types/; this file
// re-exports them so db/, the contract and the renderer keep one import path.

export type * from './types/reference'
export type * from './types/sessions'
export type * from './types/visits'
export type * from './types/issues'
export type * from './types/case-file'
export type * from './types/directory'
export type * from './types/figures'
export type * from './types/print'
export type * from './types/search'
export type * from './types/backup'
export type * from './types/keys'
export type * from './types/audit'
export type * from './types/privacy'
export type * from './types/export'
export type * from './types/appointments'
export type * from './types/import'
export type * from './types/calendar'
export type * from './types/petitions'
export type * from './types/attachments'
