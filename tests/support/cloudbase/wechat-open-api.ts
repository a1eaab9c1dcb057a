/**
 * WeChat's open API as wx-server-sdk reaches it inside a CloudBase function (an outside system,
 * installed by CloudBase, not here), for tests that run the functions' `main`: every subscribe
 * message is sent, every phone code is one mainland number, every text passes the content check,
 * every photo's media check starts (its verdict would come by push).
 * Use as `jest.mock('wx-server-sdk', () => require('…/wechat-open-api').wxServerSdk, { virtual: true })`.
 */
export const wxServerSdk = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
  getTempFileURL: async ({ fileList }: { fileList: { fileID: string }[] }) => ({
    fileList: fileList.map(({ fileID }) => ({
      fileID,
      tempFileURL: `https://double.tcb.qcloud.la/${encodeURIComponent(fileID)}`,
      status: 0,
      errMsg: 'ok',
    })),
  }),
  openapi: {
    subscribeMessage: {
      send: async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }),
    },
    phonenumber: {
      getPhoneNumber: async () => ({
        errCode: 0,
        phoneInfo: { phoneNumber: '13912345678', purePhoneNumber: '13912345678' },
      }),
    },
    security: {
      msgSecCheck: async () => ({
        errCode: 0,
        errMsg: 'openapi.security.msgSecCheck:ok',
        result: { suggest: 'pass', label: 100 },
      }),
      mediaCheckAsync: async () => ({
        errCode: 0,
        errMsg: 'openapi.security.mediaCheckAsync:ok',
        traceId: `trace-${Math.random().toString(16).slice(2)}`,
      }),
    },
  },
}
