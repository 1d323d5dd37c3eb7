// Types for setup-packages.mjs, which stays plain JavaScript so it runs before `npm ci`.

export type Need = 'browser' | 'cjkFont' | 'soffice' | 'poppler' | 'postgres'
export type System = 'debian' | 'linux' | 'win32' | 'darwin'

export interface Label {
  zh: string
  en: string
}

export interface InstallWay {
  /** The installer the commands use (apt-get, winget, choco, brew). */
  via: string
  commands: string[]
}

export const NEEDS: readonly Need[]
export const NEED_LABELS: Readonly<Record<Need, Label>>
export const APT_PACKAGES: Readonly<Record<Need, readonly string[]>>
export const SYSTEM_LABELS: Readonly<Record<System, Label>>

export function detectSystem(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): System
export function needsOn(system: System): Need[]
export function installWays(system: System, needs: readonly Need[], options: { root: boolean }): InstallWay[]
