export default definePageConfig({ navigationBarTitleText: '会员协议与隐私政策' })
