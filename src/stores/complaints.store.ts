import { create } from 'zustand'
import { fileComplaintInput, type ComplaintView } from '@/contracts/complaints'
import { fieldErrors } from '@/contracts/define'
import type { ApiError } from '@/contracts/error-codes'
import { MAX_COMPLAINT_PHOTOS, type ComplaintCategory } from '@/domain/care/complaint'
import { complaintsApi, type ComplaintsApi } from '@/services/complaints.api'
import { invalidForm } from './form-input'
import { retryableRequest } from './retryable-request'
import type { LoadStatus } from './session.store'

/**
 * Where a photo id can be shown: a CloudBase fileID renders as it is in the mini-program's
 * <Image> (to its uploader; staff get links, see PhotoStrip); a local host upload is served back at
 * /dev/uploads/<name> (H5 only).
 */
export function photoSrc(photoId: string): string {
  return photoId.startsWith('local://')
    ? `/dev/uploads/${photoId.slice('local://'.length)}`
    : photoId
}

export type ComplaintsState = {
  /** 我的投诉与建议, newest first, with the staff answers. */
  complaints: ComplaintView[]
  status: LoadStatus
  error: ApiError | null
  /** Photos of the complaint being written, already uploaded (storage ids). */
  photos: string[]
  uploading: boolean
  sending: boolean
  load(): Promise<void>
  /** Uploads chosen photos (as many as there is room for); the first failure, if any. */
  addPhotos(filePaths: readonly string[]): Promise<ApiError | null>
  removePhoto(photoId: string): void
  file(form: { category: ComplaintCategory | null; text: string }): Promise<ApiError | null>
}

/** The member's complaints page: the form with its photos, and the list with the answers. */
export function createComplaintsStore(api: ComplaintsApi) {
  const pendingFile = retryableRequest()

  return create<ComplaintsState>()((set, get) => ({
    complaints: [],
    status: 'idle',
    error: null,
    photos: [],
    uploading: false,
    sending: false,
    async load() {
      set((s) => ({ status: s.complaints.length ? s.status : 'loading' }))
      const res = await api.mine()
      if (res.ok) set({ status: 'ready', complaints: res.data, error: null })
      else set({ status: 'error', error: res.error })
    },
    async addPhotos(filePaths) {
      if (get().uploading) return null
      const room = MAX_COMPLAINT_PHOTOS - get().photos.length
      set({ uploading: true })
      let failure: ApiError | null = null
      for (const filePath of filePaths.slice(0, Math.max(room, 0))) {
        const res = await api.uploadPhoto(filePath)
        if (!res.ok) {
          failure = res.error
          break
        }
        set((s) => ({ photos: [...s.photos, res.data] }))
      }
      set({ uploading: false })
      return failure
    },
    removePhoto(photoId) {
      set((s) => ({ photos: s.photos.filter((p) => p !== photoId) }))
    },
    async file(form) {
      const parsed = fileComplaintInput.safeParse({
        category: form.category ?? undefined,
        text: form.text,
        photos: get().photos,
      })
      if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
      if (get().uploading) return invalidForm({ photos: '图片上传中，请稍候' })
      if (get().sending) return null
      set({ sending: true })
      const res = await api.file(parsed.data, pendingFile.idFor(parsed.data))
      pendingFile.settle(res.ok ? null : res.error)
      set({ sending: false })
      if (!res.ok) return res.error
      set((s) => ({
        photos: [],
        complaints: [res.data, ...s.complaints.filter((c) => c.id !== res.data.id)],
      }))
      return null
    },
  }))
}

export const useComplaintsStore = createComplaintsStore(complaintsApi)
