import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createFieldCipher, parseMasterKey } from '../../cloudfunctions/_shared/field-cipher'
import type { MyCardView } from '../../src/contracts/card.contract'
import { cardCode, timeStep } from '../../src/domain/card/card-code'
import { aRegistration } from '../support/builders'
import { endHostProcesses, startHostProcess, type Envelope } from '../support/fault-host-process'
import { faultStoreFile, inspect } from '../support/fault-store'
import { newRequestId, TEST_DATA_KEY } from '../support/test-deps'

/** Values no demo row holds: each one found in a file is this member's data, left behind. */
const VICTIM = {
  realName: '司徒澜舟',
  shopName: '澜舟烟酒批零部',
  shopAddress: '浙江省湖州市南浔区百间楼河埠17号',
  correctedAddress: '浙江省湖州市南浔区东大街丝业会馆旁3号',
  mobile: '13598765021',
  licenceNo: '3305LZ604417',
}

/** Fails the test with the refusal when a step of the scene is refused. */
function must<T>(answer: Envelope, step: string): T {
  if (!answer.ok) throw new Error(`${step} refused: ${JSON.stringify(answer.error)}`)
  return answer.data as T
}

/** Every file of the store (`club.db` and its `-wal`, `-shm`, `-journal`): name → raw bytes. */
function storeFiles(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .filter((name) => name.startsWith('club.db'))
      .map((name) => [name, readFileSync(join(dir, name))]),
  )
}

/** `what in file (encoding)` for each secret found in a file's bytes, as UTF-8 or UTF-16. */
function copiesIn(files: Map<string, Buffer>, secrets: Record<string, string>): string[] {
  return [...files].flatMap(([name, bytes]) =>
    Object.entries(secrets).flatMap(([what, secret]) =>
      (['utf8', 'utf16le'] as const)
        .filter((encoding) => bytes.includes(Buffer.from(secret, encoding)))
        .map((encoding) => `${what} in ${name} (${encoding})`),
    ),
  )
}

/**
 * The attack: someone who can read the host's disk (a copied data directory, a stolen laptop, a
 * backup of the folder taken while the host runs) looks for a member who has withdrawn (注销,
 * SPEC §9). The confirmed withdrawal erased them from every row; the bytes of the store's live
 * files must not hold them either, while the host keeps running (no clean stop that would
 * checkpoint the write-ahead log first).
 */
describe('a withdrawn member, looked for in the bytes of the running host’s store', () => {
  const scene = faultStoreFile()
  afterAll(() => {
    endHostProcesses()
    scene.cleanup()
  })

  it('is found in no file of the store: not by name, shop, address, mobile, licence or openid', async () => {
    const host = await startHostProcess(scene.file)
    const openid = `o_erasure_victim_${Date.now().toString(36)}`
    const me = await host.signIn(openid)
    const reviewer = await host.signIn('o_demo_reviewer')
    const clerk = await host.signIn('o_demo_clerk')

    // Registered, approved, a card shown at the counter, a purchase, the address corrected, a
    // complaint naming the shop: the member's data spread over many rows and pages.
    const form = aRegistration({
      realName: VICTIM.realName,
      shopName: VICTIM.shopName,
      shopAddress: VICTIM.shopAddress,
      mobile: VICTIM.mobile,
      licenceNo: VICTIM.licenceNo,
    })
    const { memberId } = must<{ memberId: string }>(
      await host.call(me, 'member', 'register', form, newRequestId()),
      'registration',
    )
    must(
      await host.call(reviewer, 'admin', 'approveRegistration', { memberId }, newRequestId()),
      'approval',
    )
    const card = must<MyCardView>(await host.call(me, 'card', 'mine', {}), 'card')
    const code = cardCode(Buffer.from(card.secret, 'base64'), card, timeStep(new Date()))
    must(await host.call(clerk, 'card', 'verify', { code }, newRequestId()), 'card shown')
    const purchase = {
      cardNo: card.cardNo,
      lines: [{ category: 'daily', amountFen: 36_800 }],
      voucherCodes: [],
      receiptNo: '',
    }
    must(await host.call(clerk, 'points', 'earnPurchase', purchase, newRequestId()), 'purchase')
    const correction = { shopAddress: VICTIM.correctedAddress }
    must(await host.call(me, 'member', 'correctData', correction, newRequestId()), 'correction')
    const complaint = { category: 'service', text: `${VICTIM.shopName}的积分到账太慢`, photos: [] }
    must(await host.call(me, 'member', 'fileComplaint', complaint, newRequestId()), 'complaint')
    const sealed = inspect(scene.file, (db) =>
      db.prepare('SELECT mobile_enc, licence_enc FROM members WHERE id = ?').get(memberId),
    ) as { mobile_enc: string; licence_enc: string }
    const cipher = createFieldCipher(parseMasterKey(TEST_DATA_KEY))
    const secrets = {
      ...VICTIM,
      openid,
      mobileSealed: sealed.mobile_enc,
      licenceSealed: sealed.licence_enc,
      mobileIndex: cipher.blindIndex('mobile', VICTIM.mobile),
      licenceIndex: cipher.blindIndex('licence', VICTIM.licenceNo),
    }
    // The scene really spread the data: before the withdrawal the files hold it, many times.
    expect(copiesIn(storeFiles(scene.dir), secrets)).toEqual(
      expect.arrayContaining(['realName in club.db-wal (utf8)', 'openid in club.db-wal (utf8)']),
    )

    // The member asks to withdraw; a reviewer confirms it, over HTTP as the apps do.
    const withdrawal = must<{ id: string }>(
      await host.call(me, 'member', 'requestWithdrawal', { reason: '店铺转让' }, newRequestId()),
      'withdrawal request',
    )
    const confirmed = await host.call(
      reviewer,
      'admin',
      'confirmWithdrawal',
      { id: withdrawal.id },
      newRequestId(),
    )

    // The host is still running: its files are read as they are now.
    const files = storeFiles(scene.dir)
    expect(confirmed).toMatchObject({ ok: true })
    expect([...files.keys()]).toEqual(expect.arrayContaining(['club.db', 'club.db-wal']))
    expect(copiesIn(files, secrets)).toEqual([])
    expect(must(await host.call(me, 'member', 'me', {}), 'me after withdrawal')).toMatchObject({
      member: null,
    })
    await host.stop()
  }, 60_000)
})
