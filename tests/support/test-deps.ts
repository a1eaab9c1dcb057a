import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../cloudfunctions/_shared/adapters/sqlite/sqlite-store'
import { createDeps } from '../../cloudfunctions/_shared/deps'
import type { Deps, StaffRecord } from '../../cloudfunctions/_shared/ports'
import type { StaffRole } from '@/domain/member/roles'

/** A fixed 32-byte key so tests never depend on the environment. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64')

export type TestClock = { now(): Date; set(iso: string): void }

export function fixedClock(iso: string): TestClock {
  let current = new Date(iso)
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) }
}

/** Deps over a real SQLite file in a fresh temp dir; `cleanup` closes and deletes it. */
export function sqliteTestDeps(nowIso = '2026-11-23T02:00:00.000Z') {
  const dir = mkdtempSync(join(tmpdir(), 'club-test-'))
  const file = join(dir, 'club.db')
  const store = openSqliteStore(file)
  const clock = fixedClock(nowIso)
  const errors: unknown[] = []
  const deps: Deps = createDeps(
    store,
    { CLUB_DATA_KEY: TEST_DATA_KEY },
    {
      clock,
      logger: { error: (message, details) => errors.push({ message, ...details }) },
    },
  )
  return {
    deps,
    clock,
    file,
    errors,
    async cleanup() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let staffCount = 0

/** Adds a staff account (clerk / reviewer / admin) and returns it. */
export async function addStaff(
  deps: Deps,
  role: StaffRole,
  openid = `o_staff_${role}_${++staffCount}`,
) {
  const staff: StaffRecord = {
    id: `staff-${role}-${staffCount}-${openid}`,
    openid,
    name: `${role} ${staffCount}`,
    role,
    createdAt: deps.clock.now().toISOString(),
  }
  await deps.store.transaction((tx) => tx.staff.insert(staff))
  return staff
}

let requestCount = 0
/** A fresh client request id. */
export const newRequestId = () => `req-${Date.now().toString(36)}-${++requestCount}`
