export default definePageConfig({ navigationBarTitleText: '我的星级' })
