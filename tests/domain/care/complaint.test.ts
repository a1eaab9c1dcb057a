import {
  answerComplaint,
  complaintDueAt,
  COMPLAINT_CATEGORIES,
  isOverdue,
  mayFileComplaint,
  newComplaint,
  replyCountdown,
  type Complaint,
  type ComplaintForm,
} from '@/domain/care/complaint'
import type { MemberStatus } from '@/domain/member/member'

const FILED = new Date('2027-03-15T06:30:00.000Z')
const DUE = '2027-03-17T06:30:00.000Z'
const at = (iso: string) => new Date(iso)
const form = (overrides: Partial<ComplaintForm> = {}): ComplaintForm => ({
  category: 'service',
  text: '门店店员态度不好，结账时催促',
  photos: [],
  ...overrides,
})

function filed(overrides: Partial<ComplaintForm> = {}): Complaint {
  const result = newComplaint('c-1', 'm-1', form(overrides), FILED)
  if (!result.ok) throw new Error(`not filed: ${JSON.stringify(result.error)}`)
  return result.data
}

describe('newComplaint', () => {
  it('records the complaint unanswered at version 1, due exactly 48 hours after filing', () => {
    const result = newComplaint(
      'c-1',
      'm-1',
      form({ photos: ['cloud://env-1.abc/complaints/m-1/1.jpg'] }),
      FILED,
    )

    expect(result).toEqual({
      ok: true,
      data: {
        id: 'c-1',
        memberId: 'm-1',
        category: 'service',
        text: '门店店员态度不好，结账时催促',
        photos: ['cloud://env-1.abc/complaints/m-1/1.jpg'],
        createdAt: '2027-03-15T06:30:00.000Z',
        dueAt: DUE,
        answer: null,
        answeredBy: null,
        answeredAt: null,
        version: 1,
      },
    })
  })

  it.each(COMPLAINT_CATEGORIES)('takes the category %s', (category) => {
    const result = newComplaint('c-1', 'm-1', form({ category }), FILED)

    expect(result).toMatchObject({ ok: true, data: { category } })
  })

  it('trims the text it stores', () => {
    const complaint = filed({ text: '  积分没有到账，请核查  ' })

    expect(complaint.text).toBe('积分没有到账，请核查')
  })

  it.each([
    ['4 characters', '太慢了啊', false],
    ['5 characters', '太慢了啊！', true],
    ['500 characters', '慢'.repeat(500), true],
    ['501 characters', '慢'.repeat(501), false],
    ['5 characters only after padding with spaces', '   慢了   ', false],
  ])('accepts text of 5–500 characters: %s', (_case, text, accepted) => {
    const result = newComplaint('c-1', 'm-1', form({ text }), FILED)

    if (accepted) expect(result.ok).toBe(true)
    else
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'INPUT.INVALID',
          message: expect.any(String),
          fields: { text: '内容为5–500个字' },
        },
      })
  })

  it('takes up to 3 photos and refuses a fourth', () => {
    const photos = ['local://a.jpg', 'local://b.png', 'local://c.webp', 'local://d.jpg']

    const three = newComplaint('c-1', 'm-1', form({ photos: photos.slice(0, 3) }), FILED)
    const four = newComplaint('c-1', 'm-1', form({ photos }), FILED)

    expect(three).toMatchObject({ ok: true, data: { photos: photos.slice(0, 3) } })
    expect(four).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { photos: '最多上传3张图片' } },
    })
  })

  it.each([
    'https://evil.example/x.jpg',
    'javascript:alert(1)',
    'local://',
    'local://a b.jpg',
    'cloud://x"onerror="y',
    `local://${'a'.repeat(201)}`,
  ])('refuses a photo that is not a storage id: %s', (photo) => {
    const result = newComplaint('c-1', 'm-1', form({ photos: [photo] }), FILED)

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { photos: '图片无效，请重新上传' } },
    })
  })

  it('refuses an unknown category with the others at once', () => {
    const result = newComplaint(
      'c-1',
      'm-1',
      { category: 'bribe' as ComplaintForm['category'], text: '短', photos: [] },
      FILED,
    )

    expect(result).toMatchObject({
      ok: false,
      error: { fields: { category: '请选择类别', text: '内容为5–500个字' } },
    })
  })
})

describe('complaintDueAt', () => {
  it.each([
    ['2027-03-15T06:30:00.000Z', '2027-03-17T06:30:00.000Z'],
    ['2026-12-31T15:59:59.999Z', '2027-01-02T15:59:59.999Z'],
    ['2028-02-28T20:00:00.000Z', '2028-03-01T20:00:00.000Z'],
  ])('puts the reply target of a complaint filed at %s at %s', (created, due) => {
    const dueAt = complaintDueAt(at(created))

    expect(dueAt).toBe(due)
  })
})

describe('isOverdue', () => {
  it.each([
    ['just filed', '2027-03-15T06:30:00.000Z', false],
    ['after 47h59m59.999s', '2027-03-17T06:29:59.999Z', false],
    ['at exactly 48h00m00s', '2027-03-17T06:30:00.000Z', true],
    ['one millisecond after 48 hours', '2027-03-17T06:30:00.001Z', true],
    ['a week later', '2027-03-22T06:30:00.000Z', true],
  ])('an unanswered complaint %s: overdue = %s', (_case, now, overdue) => {
    const complaint = filed()

    expect(isOverdue(complaint, at(now))).toBe(overdue)
  })

  it('never calls an answered complaint overdue, even when answered late', () => {
    const complaint = filed()
    const late = answerComplaint(
      complaint,
      '已核实并处理',
      'staff-r1',
      at('2027-03-18T00:00:00.000Z'),
    )

    const overdue = late.ok && isOverdue(late.data, at('2027-03-30T00:00:00.000Z'))

    expect(overdue).toBe(false)
  })
})

describe('replyCountdown', () => {
  it.each([
    ['2027-03-15T06:30:00.000Z', { overdue: false, hours: 48, minutes: 0 }],
    ['2027-03-17T01:00:30.000Z', { overdue: false, hours: 5, minutes: 29 }],
    ['2027-03-17T06:29:59.999Z', { overdue: false, hours: 0, minutes: 0 }],
    ['2027-03-17T06:30:00.000Z', { overdue: true, hours: 0, minutes: 0 }],
    ['2027-03-17T09:45:59.000Z', { overdue: true, hours: 3, minutes: 15 }],
    ['2027-03-19T07:30:00.000Z', { overdue: true, hours: 49, minutes: 0 }],
  ])('at %s gives %j', (now, countdown) => {
    const complaint = filed()

    expect(replyCountdown(complaint, at(now))).toEqual(countdown)
  })
})

describe('answerComplaint', () => {
  const ANSWERED = at('2027-03-16T01:00:00.000Z')

  it('records the trimmed answer, who gave it and when, as the next version', () => {
    const complaint = filed()

    const result = answerComplaint(complaint, '  已与门店核实，向您致歉  ', 'staff-r1', ANSWERED)

    expect(result).toEqual({
      ok: true,
      data: {
        ...complaint,
        answer: '已与门店核实，向您致歉',
        answeredBy: 'staff-r1',
        answeredAt: '2027-03-16T01:00:00.000Z',
        version: 2,
      },
    })
  })

  it('answers only once: a second answer is refused and the first stays', () => {
    const first = answerComplaint(filed(), '已处理', 'staff-r1', ANSWERED)
    if (!first.ok) throw new Error('not answered')

    const second = answerComplaint(first.data, '另一个回复', 'staff-r2', ANSWERED)

    expect(second).toEqual({
      ok: false,
      error: { code: 'COMPLAINT.ALREADY_ANSWERED', message: '该投诉已回复，请刷新列表' },
    })
    expect(first.data.answer).toBe('已处理')
  })

  it.each([
    ['1 character', '好', false],
    ['2 characters', '收到', true],
    ['500 characters', '答'.repeat(500), true],
    ['501 characters', '答'.repeat(501), false],
    ['only spaces', '     ', false],
  ])('takes an answer of 2–500 characters: %s', (_case, text, accepted) => {
    const result = answerComplaint(filed(), text, 'staff-r1', ANSWERED)

    if (accepted) expect(result.ok).toBe(true)
    else
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { answer: '回复为2–500个字' } },
      })
  })

  it('leaves the complaint it was given untouched', () => {
    const complaint = filed()

    answerComplaint(complaint, '已处理', 'staff-r1', ANSWERED)

    expect(complaint).toMatchObject({ answer: null, answeredBy: null, version: 1 })
  })
})

describe('mayFileComplaint', () => {
  it.each<[MemberStatus, string | null]>([
    ['active', null],
    ['suspended', null],
    ['pending', 'COMPLAINT.NOT_YET_MEMBER'],
    ['rejected', 'COMPLAINT.NOT_YET_MEMBER'],
    ['cancelled', 'COMPLAINT.ACCOUNT_CLOSED'],
    ['withdrawn', 'COMPLAINT.ACCOUNT_CLOSED'],
  ])('a %s member: refused with %s', (status, code) => {
    const result = mayFileComplaint(status)

    if (code === null) expect(result).toEqual({ ok: true, data: status })
    else expect(result).toMatchObject({ ok: false, error: { code } })
  })
})
