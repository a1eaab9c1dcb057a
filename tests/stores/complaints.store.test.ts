import type { ComplaintView, StaffComplaintPage, StaffComplaintView } from '@/contracts/complaints'
import type { Envelope } from '@/contracts/error-codes'
import { createComplaintsAdminStore } from '@/stores/complaints-admin.store'
import { createComplaintsStore, photoSrc } from '@/stores/complaints.store'
import { deferred, failure, isAcceptedRequestId, networkDown, success } from './fake-transport'

// The store modules also build the app's own stores over services/cloud.ts, which imports
// @tarojs/taro (ESM-only); these tests inject their own apis, so an empty module is enough.
jest.mock('@tarojs/taro', () => ({}))

const FILED: ComplaintView = {
  id: 'c-1',
  category: 'service',
  text: '店员态度不好',
  photos: [],
  createdAt: '2026-05-10T02:00:00.000Z',
  dueAt: '2026-05-12T02:00:00.000Z',
  answer: null,
  answeredAt: null,
}

function memberApi() {
  let uploads = 0
  return {
    uploadPhoto: jest.fn(async (_filePath: string): Promise<Envelope<string>> =>
      success(`local://${String(++uploads).padStart(32, '0')}.jpg`),
    ),
    file: jest.fn(
      async (
        form: { category: ComplaintView['category']; text: string; photos?: string[] },
        _requestId: string,
      ) => success<ComplaintView>({ ...FILED, id: 'c-2', ...form, photos: form.photos ?? [] }),
    ),
    mine: jest.fn(async () => success<ComplaintView[]>([FILED])),
  }
}

describe('createComplaintsStore', () => {
  it("loads the member's complaints", async () => {
    const store = createComplaintsStore(memberApi())

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'ready', complaints: [FILED] })
  })

  it('keeps the list and reports the error when loading fails', async () => {
    const api = memberApi()
    api.mine.mockResolvedValueOnce(networkDown())
    const store = createComplaintsStore(api)

    await store.getState().load()

    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'NETWORK' } })
  })

  it('files the complaint with the uploaded photos, lists it first and clears the photos', async () => {
    const api = memberApi()
    const store = createComplaintsStore(api)
    await store.getState().load()
    await store.getState().addPhotos(['blob:a', 'blob:b'])

    const result = await store.getState().file({ category: 'product', text: '  饮料过期了啊  ' })

    expect(result).toBeNull()
    const [form, requestId] = api.file.mock.calls[0]!
    expect(form).toEqual({
      category: 'product',
      text: '饮料过期了啊',
      photos: [`local://${'1'.padStart(32, '0')}.jpg`, `local://${'2'.padStart(32, '0')}.jpg`],
    })
    expect(isAcceptedRequestId(requestId)).toBe(true)
    expect(store.getState().photos).toEqual([])
    expect(store.getState().complaints.map((c) => c.category)).toEqual(['product', 'service'])
  })

  it('checks the form before sending: a category must be chosen, text 5–500 characters', async () => {
    const api = memberApi()
    const store = createComplaintsStore(api)

    const result = await store.getState().file({ category: null, text: '差' })

    expect(result).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { category: '请选择类别', text: '内容为5–500个字' },
    })
    expect(api.file).not.toHaveBeenCalled()
  })

  it('sends a complaint again with the same request id after a network failure, so it is filed once', async () => {
    const api = memberApi()
    api.file.mockResolvedValueOnce(networkDown())
    const store = createComplaintsStore(api)
    const form = { category: 'points' as const, text: '积分没有到账' }

    const first = await store.getState().file(form)
    const second = await store.getState().file(form)

    expect(first?.code).toBe('NETWORK')
    expect(second).toBeNull()
    const [firstId, secondId] = api.file.mock.calls.map(([, requestId]) => requestId)
    expect(secondId).toBe(firstId)
  })

  it('sends a new request id for a different complaint after a refusal', async () => {
    const api = memberApi()
    api.file.mockResolvedValueOnce(failure('COMPLAINT.ACCOUNT_CLOSED'))
    const store = createComplaintsStore(api)

    const refused = await store.getState().file({ category: 'other', text: '第一条投诉内容' })
    await store.getState().file({ category: 'other', text: '第一条投诉内容' })

    expect(refused?.code).toBe('COMPLAINT.ACCOUNT_CLOSED')
    const [firstId, secondId] = api.file.mock.calls.map(([, requestId]) => requestId)
    expect(secondId).not.toBe(firstId)
  })

  it('uploads no more than 3 photos in all', async () => {
    const api = memberApi()
    const store = createComplaintsStore(api)
    await store.getState().addPhotos(['blob:a', 'blob:b'])

    await store.getState().addPhotos(['blob:c', 'blob:d', 'blob:e'])

    expect(api.uploadPhoto.mock.calls.map(([path]) => path)).toEqual(['blob:a', 'blob:b', 'blob:c'])
    expect(store.getState().photos).toHaveLength(3)
  })

  it('stops at a failed upload, keeping the photos uploaded before it', async () => {
    const api = memberApi()
    api.uploadPhoto
      .mockResolvedValueOnce(success('local://aaaa.jpg'))
      .mockResolvedValueOnce(failure('INPUT.INVALID', { photo: '图片不能超过2MB' }))
    const store = createComplaintsStore(api)

    const result = await store.getState().addPhotos(['blob:a', 'blob:big', 'blob:c'])

    expect(result).toMatchObject({ code: 'INPUT.INVALID', fields: { photo: '图片不能超过2MB' } })
    expect(store.getState()).toMatchObject({ photos: ['local://aaaa.jpg'], uploading: false })
    expect(api.uploadPhoto).toHaveBeenCalledTimes(2)
  })

  it('removes a photo from the complaint being written', async () => {
    const store = createComplaintsStore(memberApi())
    await store.getState().addPhotos(['blob:a', 'blob:b'])
    const [first, second] = store.getState().photos

    store.getState().removePhoto(first!)

    expect(store.getState().photos).toEqual([second])
  })

  it('does not file while a photo is still uploading', async () => {
    const api = memberApi()
    const upload = deferred<Envelope<string>>()
    api.uploadPhoto.mockReturnValueOnce(upload.promise)
    const store = createComplaintsStore(api)

    const adding = store.getState().addPhotos(['blob:a'])
    const result = await store.getState().file({ category: 'service', text: '店员态度不好' })
    upload.resolve(success('local://aaaa.jpg'))
    await adding

    expect(result).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { photos: '图片上传中，请稍候' },
    })
    expect(api.file).not.toHaveBeenCalled()
  })
})

describe('photoSrc', () => {
  it.each([
    ['local://0123abcd.jpg', '/dev/uploads/0123abcd.jpg'],
    ['cloud://env-1.abc/complaints/x.jpg', 'cloud://env-1.abc/complaints/x.jpg'],
  ])('shows %s from %s', (photoId, src) => {
    expect(photoSrc(photoId)).toBe(src)
  })
})

const ROW: StaffComplaintView = {
  ...FILED,
  memberId: 'm-1',
  realName: '王建国',
  shopName: '建国便利店',
  memberStatus: 'active',
  overdue: true,
  photosWithheld: { checking: 0, refused: 0 },
  photoLinks: {},
}
const pageOf = (items: StaffComplaintView[]): StaffComplaintPage => ({
  items,
  total: items.length,
  asOf: '2026-05-12T03:00:00.000Z',
})

function adminApi() {
  return {
    list: jest.fn(async (answered: boolean) =>
      success(pageOf(answered ? [{ ...ROW, answer: '已处理', overdue: false }] : [ROW])),
    ),
    answer: jest.fn(async (id: string, answer: string, _requestId: string) =>
      success<ComplaintView>({ ...FILED, id, answer, answeredAt: '2026-05-12T03:00:00.000Z' }),
    ),
  }
}

describe('createComplaintsAdminStore', () => {
  it('loads the open queue with the time it was read at', async () => {
    const api = adminApi()
    const store = createComplaintsAdminStore(api)

    await store.getState().load(false)

    expect(api.list).toHaveBeenCalledWith(false)
    expect(store.getState()).toMatchObject({
      status: 'ready',
      answered: false,
      items: [ROW],
      total: 1,
      asOf: '2026-05-12T03:00:00.000Z',
    })
  })

  it('keeps the tab asked for last when an earlier answer arrives late', async () => {
    const api = adminApi()
    const slow = deferred<Envelope<StaffComplaintPage>>()
    api.list.mockReturnValueOnce(slow.promise)
    const store = createComplaintsAdminStore(api)

    const open = store.getState().load(false)
    await store.getState().load(true)
    slow.resolve(success(pageOf([ROW])))
    await open

    expect(store.getState()).toMatchObject({ answered: true, items: [{ answer: '已处理' }] })
  })

  it('sends the trimmed answer and reloads the tab', async () => {
    const api = adminApi()
    const store = createComplaintsAdminStore(api)
    await store.getState().load(false)

    const result = await store.getState().answer('c-1', '  已与门店核实  ')

    expect(result).toBeNull()
    expect(api.answer).toHaveBeenCalledWith('c-1', '已与门店核实', expect.any(String))
    expect(api.list).toHaveBeenCalledTimes(2)
    expect(store.getState().answeringId).toBeNull()
  })

  it('checks the answer before sending: 2–500 characters', async () => {
    const api = adminApi()
    const store = createComplaintsAdminStore(api)

    const result = await store.getState().answer('c-1', '好')

    expect(result).toMatchObject({ code: 'INPUT.INVALID', fields: { answer: '回复为2–500个字' } })
    expect(api.answer).not.toHaveBeenCalled()
  })

  it('sends an answer again with the same request id after a network failure', async () => {
    const api = adminApi()
    api.answer.mockResolvedValueOnce(networkDown())
    const store = createComplaintsAdminStore(api)

    await store.getState().answer('c-1', '已处理')
    await store.getState().answer('c-1', '已处理')

    const [firstId, secondId] = api.answer.mock.calls.map(([, , requestId]) => requestId)
    expect(secondId).toBe(firstId)
  })

  it('reports a second answer refused by the server', async () => {
    const api = adminApi()
    api.answer.mockResolvedValueOnce(failure('COMPLAINT.ALREADY_ANSWERED'))
    const store = createComplaintsAdminStore(api)

    const result = await store.getState().answer('c-1', '已处理')

    expect(result?.code).toBe('COMPLAINT.ALREADY_ANSWERED')
  })
})
