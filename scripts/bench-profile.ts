import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

/**
 * Runs `work` under V8's CPU profiler when BENCH_PROFILE names a directory: the profile of this
 * thread during `work` only (not the seeding around it) is written there as `<label>.cpuprofile`,
 * for Chrome DevTools or a self-time summary. Without BENCH_PROFILE it just runs `work`.
 */
export async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE
  if (!dir) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(`${dir}/${label}.cpuprofile`, JSON.stringify(profile))
    session.disconnect()
  }
}
