import type { ApiError, ClientErrorCode, ErrorCode } from '@/contracts/error-codes'

/** zh-CN copy for every error code; the type makes a missing code a compile error. */
export const ERROR_MESSAGES: Record<ErrorCode | ClientErrorCode, string> = {
  NETWORK: '网络异常，请检查网络后重试',
  'SYS.INTERNAL': '系统繁忙，请稍后再试',
  'SYS.UNKNOWN_ACTION': '当前版本过旧，请更新小程序后重试',
  'SYS.UNKNOWN_FUNCTION': '当前版本过旧，请更新小程序后重试',
  'SYS.CONFLICT': '数据已被他人修改，请刷新后重试',
  'INPUT.INVALID': '填写的信息有误，请按提示修改',
  'INPUT.REQUEST_ID_REUSED': '请求重复，请刷新后重试',
  'AUTH.NOT_SIGNED_IN': '请先登录',
  'AUTH.FORBIDDEN': '没有权限执行此操作',
  'AUTH.NOT_A_MEMBER': '请先注册成为会员',
  'MEMBER.NOT_FOUND': '未找到该会员',
  'MEMBER.ALREADY_PENDING': '您的注册申请正在审核中，请耐心等待',
  'MEMBER.ALREADY_REGISTERED': '您已是会员，无需重复注册',
  'MEMBER.NOT_PENDING': '该申请已被处理，请刷新列表',
  'MEMBER.DUPLICATE': '手机号、许可证号或微信号已被注册',
  'MEMBER.STAFF_CANNOT_REGISTER': '员工账号不能注册为会员',
  'MEMBER.UNDERAGE': '年满18周岁方可注册',
  'MEMBER.CONSENT_OUTDATED': '会员协议与隐私政策已更新，请重新阅读并同意',
  'MEMBER.REFERRAL_UNKNOWN': '推荐码无效，请核对或留空',
  'MEMBER.PHONE_NOT_VERIFIED': '请使用微信授权手机号',
  'MEMBER.PHONE_CODE_INVALID': '手机号授权已失效，请重新授权',
  'POINTS.INSUFFICIENT_BALANCE': '积分不足',
  'POINTS.MEMBER_NOT_ACTIVE': '该会员当前不能累积或使用积分',
  'POINTS.NOTHING_TO_EARN': '本次消费没有可累积积分的金额',
  'POINTS.CARD_UNKNOWN': '未找到该会员卡',
  'POINTS.CARD_NOT_SHOWN': '请先扫描会员出示的会员码',
  'POINTS.ITEM_NOT_FOUND': '未找到该兑换商品',
  'POINTS.ITEM_UNAVAILABLE': '该商品当前不在兑换期内',
  'POINTS.OUT_OF_STOCK': '该商品已兑完',
  'POINTS.BOOKING_TOO_LATE': '该商品需提前10天预约领取',
  'POINTS.VOUCHER_NOT_FOUND': '未找到该兑换券',
  'POINTS.VOUCHER_USED': '该兑换券已核销',
  'POINTS.VOUCHER_NOT_YET': '该兑换券尚未到领取日期',
  'POINTS.ENTRY_NOT_FOUND': '未找到该积分记录',
  'POINTS.NOT_REVERSIBLE': '该记录不能冲正',
  'CARD.CODE_MALFORMED': '无法识别的会员码，请让会员刷新后重试',
  'CARD.CODE_FORGED': '会员码校验失败，可能是伪造的会员码',
  'CARD.CODE_EXPIRED': '会员码已过期（可能是截图），请让会员刷新',
  'CARD.CLOCK_SKEW': '会员手机时间不准，请校准时间后刷新会员码',
  'CARD.CODE_REPLAYED': '该会员码已被使用，请让会员刷新',
  'CARD.CODE_OLD_VERSION': '该会员卡已挂失补办，旧卡码已失效',
  'CARD.UNUSABLE': '该会员卡当前不可用',
}

/** The message to show a person for an error. */
export function messageFor(error: Pick<ApiError, 'code'>): string {
  return ERROR_MESSAGES[error.code] ?? ERROR_MESSAGES['SYS.INTERNAL']
}
