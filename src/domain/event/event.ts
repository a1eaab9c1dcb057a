import type { StarValue } from '../star/star'

/** Kinds of club event (活动类型), SPEC §7. */
export const EVENT_KINDS = ['tasting', 'leisure', 'sports', 'training', 'meeting'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** `fcfs`: first come, first served with a waitlist; `selection`: members apply, staff select. */
export const EVENT_MODES = ['fcfs', 'selection'] as const
export type EventMode = (typeof EVENT_MODES)[number]

export type EventStatus = 'draft' | 'published' | 'cancelled'

/** What an admin fills in for an event (SPEC §7); instants are ISO strings. */
export type EventDraft = {
  kind: EventKind
  title: string
  description: string
  coverImage: string | null
  place: string
  contact: string
  startAt: string
  endAt: string
  signupOpensAt: string
  signupClosesAt: string
  capacity: number
  attendancePoints: number
  clubOnly: boolean
  minStar: StarValue | null
  acknowledgement: string | null
  mode: EventMode
}

/** An event (活动) with its counters, kept on the event itself so capacity is checked atomically. */
export type ClubEvent = EventDraft & {
  id: string
  status: EventStatus
  /** Confirmed places (selected ones, in selection mode); never above `capacity`. */
  confirmed: number
  /** Sign-ups ever made: numbers them in order of arrival. */
  signups: number
  checkedIn: number
  /** Whether the no-shows of this (ended) event have been recorded. */
  noShowsMarked: boolean
  cancelReason: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
  publishedAt: string | null
  version: number
}

export const isFull = (event: Pick<ClubEvent, 'confirmed' | 'capacity'>) =>
  event.confirmed >= event.capacity
