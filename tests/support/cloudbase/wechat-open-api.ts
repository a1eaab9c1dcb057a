/**
 * WeChat's open API as wx-server-sdk reaches it inside a CloudBase function (an outside system,
 * installed by CloudBase, not here), for tests that run the functions' `main`: every subscribe
 * message is sent, every phone code is one mainland number, every text passes the content check.
 * Use as `jest.mock('wx-server-sdk', () => require('…/wechat-open-api').wxServerSdk, { virtual: true })`.
 */
export const wxServerSdk = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
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
    },
  },
}
