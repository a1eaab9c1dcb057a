import { Text, View } from '@tarojs/components'
import type { MemberSelfView } from '@/contracts/member.contract'
import { formatCardNumber } from '@/domain/card/card-number'
import { starText } from '@/constants/labels'
import './index.scss'

/** The member card face: card number grouped by four, name, shop, this year's star, club badge. */
export default function MemberCard({ member }: { member: MemberSelfView }) {
  const inClub = member.clubState === 'active' || member.clubState === 'grace'
  return (
    <View className='member-card'>
      <View className='member-card__brand'>零售客户俱乐部 · 会员卡</View>
      <View className='member-card__number' data-testid='card-number'>
        {member.cardNo ? formatCardNumber(member.cardNo) : '—'}
      </View>
      <View className='member-card__row'>
        <Text className='member-card__name'>{member.realName}</Text>
        <Text className='member-card__star'>
          {member.starYear}年 {starText(member.star)}
        </Text>
      </View>
      <View className='member-card__shop'>
        {member.shopName}
        {inClub ? (
          <Text className='member-card__club' data-testid='club-badge'>
            俱乐部会员
          </Text>
        ) : null}
      </View>
    </View>
  )
}
