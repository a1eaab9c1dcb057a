import { CLUB_MIN_STAR, type StarValue } from '@/domain/star/star'

/** The level names shown on the badge. */
export const STAR_LEVEL_NAMES: Record<StarValue, string> = {
  1: '一星会员',
  2: '二星会员',
  3: '三星会员',
  4: '四星会员',
  5: '五星会员',
}

/** What a member of `star` may do (SPEC §3–§7), for the badge on the star page. */
export function starBenefits(star: StarValue): string[] {
  const benefits = [
    '消费积分，每实付1元积1分，生日当天双倍',
    '积分兑换代金券',
    '报名面向全体会员的活动',
  ]
  if (star >= CLUB_MIN_STAR) {
    benefits.push('可申请加入俱乐部，参加俱乐部专属活动', `报名要求${star}星及以下的活动`)
  } else {
    benefits.push(`年度评定达到${CLUB_MIN_STAR}星后可申请加入俱乐部`)
  }
  return benefits
}
