import { answerComplaintInput, complaintsInput, fileComplaintInput } from '@/contracts/complaints'
import { adminContract } from '@/contracts/admin.contract'
import { memberContract } from '@/contracts/member.contract'

describe('fileComplaintInput', () => {
  it('trims the text and takes no photos by default', () => {
    const parsed = fileComplaintInput.parse({ category: 'event', text: '  签到排队太久了  ' })

    expect(parsed).toEqual({ category: 'event', text: '签到排队太久了', photos: [] })
  })

  it.each([
    'cloud://prod-1a2b.7072-prod-1a2b-1300000000/complaints/lq2x-ab12cd.jpg',
    'local://0123456789abcdef0123456789abcdef.png',
  ])('takes the storage id %s as a photo', (photo) => {
    const parsed = fileComplaintInput.safeParse({
      category: 'other',
      text: '见图片所示',
      photos: [photo],
    })

    expect(parsed.success).toBe(true)
  })

  it.each([
    ['an https address', ['https://example.com/a.jpg'], '图片无效，请重新上传'],
    ['a data URL', ['data:image/png;base64,AAAA'], '图片无效，请重新上传'],
    ['a path with a space', ['local://a b.jpg'], '图片无效，请重新上传'],
    ['four photos', ['local://a', 'local://b', 'local://c', 'local://d'], '最多上传3张图片'],
  ])('refuses %s with a Chinese field message', (_case, photos, message) => {
    const parsed = fileComplaintInput.safeParse({ category: 'other', text: '见图片所示', photos })

    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe(message)
  })
})

describe('complaintsInput', () => {
  it('opens on the first page of unanswered complaints', () => {
    expect(complaintsInput.parse({})).toEqual({ answered: false, offset: 0, limit: 20 })
  })
})

describe('answerComplaintInput', () => {
  it('trims the answer and asks for 2–500 characters', () => {
    expect(answerComplaintInput.parse({ id: 'c-1', answer: ' 已处理 ' })).toEqual({
      id: 'c-1',
      answer: '已处理',
    })
    expect(
      answerComplaintInput.safeParse({ id: 'c-1', answer: '好' }).error?.issues[0]?.message,
    ).toBe('回复为2–500个字')
  })
})

describe('complaint actions', () => {
  it('marks filing and answering as mutating, and the lists as reads', () => {
    expect(memberContract.actions.fileComplaint.mutating).toBe(true)
    expect(memberContract.actions.myComplaints.mutating).toBe(false)
    expect(adminContract.actions.complaints.mutating).toBe(false)
    expect(adminContract.actions.answerComplaint.mutating).toBe(true)
  })
})
