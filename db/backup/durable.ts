import fs from 'node:fs'

// Writing so that a crash leaves the old file or the whole new one, never half of it: a file
// keeps its `.partial` name until it is complete and synced, then is renamed and its folder synced.

export const PARTIAL_SUFFIX = '.partial'

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Makes a rename or unlink in the folder durable. Windows cannot open a folder; NTFS journals it. */
export function fsyncFolder(folder: string): void {
  let fd: number
  try {
    fd = fs.openSync(folder, 'r')
  } catch {
    return
  }
  try {
    fs.fsyncSync(fd)
  } catch {
    // Some file systems refuse fsync on a directory handle; the file itself is already synced.
  } finally {
    fs.closeSync(fd)
  }
}
