import type { PhotoLinks } from '../../ports'

/** The part of a node-sdk app this adapter calls (`app.getTempFileURL`, storage/index.js). */
export type TempFileLinker = {
  getTempFileURL(request: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    code?: string
    message?: string
    fileList?: { fileID?: string; tempFileURL?: string; code?: string }[]
  }>
}

/** How long a reviewer's link to a photo works: enough to read the queue, not to pass around. */
export const STAFF_PHOTO_LINK_SECONDS = 10 * 60
/** The most files one `getTempFileURL` takes (node-sdk test/storage/getDownloadUrls.test.ts). */
const FILES_PER_REQUEST = 50

/**
 * Staff links to complaint photos through node-sdk's `getTempFileURL` (storage action
 * `storage.batchGetDownloadUrl`), one request per 50 photos of a page. A failed request throws (a
 * body with a `code` is thrown by node-sdk's requester; checked here too); a file that is gone
 * (its own `code` other than SUCCESS, e.g. STORAGE_FILE_NONEXIST) just gets no link.
 */
export function cloudbasePhotoLinks(app: TempFileLinker): PhotoLinks {
  return {
    async forStaff(photoIds) {
      const fileIds = [...new Set(photoIds.filter((id) => id.startsWith('cloud://')))]
      const chunks: string[][] = []
      for (let i = 0; i < fileIds.length; i += FILES_PER_REQUEST) {
        chunks.push(fileIds.slice(i, i + FILES_PER_REQUEST))
      }
      const answers = await Promise.all(
        chunks.map((chunk) =>
          app.getTempFileURL({
            fileList: chunk.map((fileID) => ({ fileID, maxAge: STAFF_PHOTO_LINK_SECONDS })),
          }),
        ),
      )
      const links: Record<string, string> = {}
      for (const answer of answers) {
        if (answer.code) throw new Error(`getTempFileURL failed: ${answer.code} ${answer.message}`)
        for (const file of answer.fileList ?? []) {
          const found = file.code === undefined || file.code === 'SUCCESS'
          if (found && file.fileID && file.tempFileURL && fileIds.includes(file.fileID)) {
            links[file.fileID] = file.tempFileURL
          }
        }
      }
      return links
    },
  }
}
