import os from 'node:os'
import path from 'node:path'

// The plain copies the viewer is handed live in one folder of the app's own under the account's
// temporary folder (per Windows account, so others on the PC cannot read it), created owner-only
// and emptied at start and at quit: decrypted bytes never sit beside the sealed ones.

export const VIEW_FOLDER_NAME = 'jiedai-taizhang-attachments-view'

export function viewFolderIn(tempRoot: string): string {
  return path.join(tempRoot, VIEW_FOLDER_NAME)
}

export function defaultViewFolder(): string {
  return viewFolderIn(os.tmpdir())
}
