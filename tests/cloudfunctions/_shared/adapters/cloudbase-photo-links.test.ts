import * as net from 'node:net'
import * as tcb from '@cloudbase/node-sdk'
import {
  cloudbasePhotoLinks,
  type TempFileLinker,
} from '../../../../cloudfunctions/_shared/adapters/cloudbase/cloudbase-photo-links'
import { FUNCTION_PROCESS_ENV } from '../../../support/cloudbase/sdk-seam'

/* eslint-disable @typescript-eslint/no-var-requires */
// node-sdk's requester of every non-database API call (storage, functions…): the wire seam here.
const { TcbApiHttpRequester } = require('@cloudbase/node-sdk/dist/utils/tcbapirequester') as {
  TcbApiHttpRequester: { prototype: { request(): Promise<unknown> } }
}
/* eslint-enable @typescript-eslint/no-var-requires */

const ENV = 'club-links-1a2b'
const fileIdOf = (name: string) => `cloud://${ENV}.636c-${ENV}-1250000000/complaints/${name}.jpg`

/**
 * CloudBase storage as `storage.batchGetDownloadUrl` answers (node-sdk test/storage/
 * getDownloadUrls.test.ts): a link per file that exists, `STORAGE_FILE_NONEXIST` for one that
 * does not, and an INVALID_PARAM body for more than 50 files.
 */
function storageAnswering(existing: Set<string>) {
  const requests: { file_list: { fileid: string; max_age: number }[] }[] = []
  const spy = jest
    .spyOn(TcbApiHttpRequester.prototype, 'request')
    .mockImplementation(async function (this: { args: { params: Record<string, unknown> } }) {
      const params = this.args.params as {
        action: string
        file_list: { fileid: string; max_age: number }[]
      }
      if (params.action !== 'storage.batchGetDownloadUrl') throw new Error(params.action)
      requests.push({ file_list: params.file_list })
      if (params.file_list.length > 50) {
        return { code: 'INVALID_PARAM', message: 'too many files', requestId: 'r' }
      }
      return {
        requestId: 'r',
        data: {
          download_list: params.file_list.map(({ fileid }) =>
            existing.has(fileid)
              ? {
                  code: 'SUCCESS',
                  fileID: fileid,
                  tempFileURL: `https://636c.tcb.qcloud.la/${fileid.split('/').pop()}?sign=s`,
                }
              : { code: 'STORAGE_FILE_NONEXIST', fileID: fileid, tempFileURL: '' },
          ),
        },
      }
    })
  return { requests, restore: () => spy.mockRestore() }
}

describe('cloudbasePhotoLinks, through the real node-sdk getTempFileURL', () => {
  let connect: jest.SpyInstance
  const saved = { ...process.env }
  beforeAll(() => {
    Object.assign(process.env, FUNCTION_PROCESS_ENV)
    connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('a storage test opened a socket')
    })
  })
  afterAll(() => {
    connect.mockRestore()
    process.env = saved
  })
  const app = () => tcb.init({ env: ENV }) as unknown as TempFileLinker

  it('asks one ten-minute link per cloud photo, and leaves out local photos and files that are gone', async () => {
    const [a, b, gone] = [fileIdOf('a'), fileIdOf('b'), fileIdOf('gone')]
    const storage = storageAnswering(new Set([a, b]))

    const links = await cloudbasePhotoLinks(app()).forStaff([a, 'local://x.png', b, gone, a])
    storage.restore()

    expect(links).toEqual({
      [a]: 'https://636c.tcb.qcloud.la/a.jpg?sign=s',
      [b]: 'https://636c.tcb.qcloud.la/b.jpg?sign=s',
    })
    expect(storage.requests).toEqual([
      {
        file_list: [a, b, gone].map((fileid) => ({ fileid, max_age: 600 })),
      },
    ])
  })

  it('asks at most 50 files per request, so a full page of 60 photos still gets its links', async () => {
    const photos = Array.from({ length: 60 }, (_, i) => fileIdOf(`p${i}`))
    const storage = storageAnswering(new Set(photos))

    const links = await cloudbasePhotoLinks(app()).forStaff(photos)
    storage.restore()

    expect(Object.keys(links)).toHaveLength(60)
    expect(storage.requests.map((r) => r.file_list.length)).toEqual([50, 10])
  })

  it('asks nothing when no photo is in cloud storage', async () => {
    const storage = storageAnswering(new Set())

    const links = await cloudbasePhotoLinks(app()).forStaff(['local://x.png'])
    storage.restore()

    expect(links).toEqual({})
    expect(storage.requests).toEqual([])
  })
})
