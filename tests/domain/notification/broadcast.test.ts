import { advance, broadcastMessageId, newBroadcast, reaches } from '@/domain/notification/broadcast'

const NOW = new Date('2026-11-23T02:00:00.000Z')
const LATER = new Date('2026-11-23T02:01:00.000Z')

const aBroadcast = () =>
  newBroadcast(
    {
      id: 'event-published:ev-1',
      kind: 'event.published',
      template: 'eventNew',
      payload: { eventId: 'ev-1' },
      audience: { clubOnly: false, minStar: null },
    },
    NOW,
  )

describe('newBroadcast', () => {
  it('starts open, at the first member, nothing fanned out, at version 1', () => {
    expect(aBroadcast()).toMatchObject({
      status: 'open',
      cursor: '',
      fannedOut: 0,
      finishedAt: null,
      createdAt: NOW.toISOString(),
      version: 1,
    })
  })
})

describe('reaches', () => {
  const member = { active: true, inClub: false, star: 2 }

  it.each([
    ['an active member, for everyone', null, member, true],
    ['no suspended or closed member', null, { ...member, active: false }, false],
    [
      'a member outside the club, for a club-only event',
      { clubOnly: true, minStar: null },
      member,
      false,
    ],
    [
      'a club member, for a club-only event',
      { clubOnly: true, minStar: null },
      { ...member, inClub: true },
      true,
    ],
    ['a member below the minimum star', { clubOnly: false, minStar: 3 }, member, false],
    ['a member at the minimum star', { clubOnly: false, minStar: 2 }, member, true],
    [
      'a member without a star, when one is needed',
      { clubOnly: false, minStar: 1 },
      { ...member, star: null },
      false,
    ],
  ])('reaches %s', (_who, audience, recipient, expected) => {
    expect(reaches(audience, recipient)).toBe(expected)
  })
})

describe('advance', () => {
  it('moves past a page of holders and counts the messages queued', () => {
    const next = advance(aBroadcast(), 'm-100', 80, false, LATER)

    expect(next).toMatchObject({ cursor: 'm-100', fannedOut: 80, status: 'open', version: 2 })
  })

  it('is done after the last page, keeping the cursor when the page was empty', () => {
    const page = advance(aBroadcast(), 'm-100', 80, false, LATER)

    const done = advance(page, null, 0, true, LATER)

    expect(done).toMatchObject({
      cursor: 'm-100',
      fannedOut: 80,
      status: 'done',
      finishedAt: LATER.toISOString(),
      version: 3,
    })
  })
})

describe('broadcastMessageId', () => {
  it('gives each holder one message per broadcast', () => {
    expect(broadcastMessageId('event-published:ev-1', 'm-1')).toBe('event-published:ev-1:m-1')
  })
})
