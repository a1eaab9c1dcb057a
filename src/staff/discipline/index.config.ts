export default definePageConfig({ navigationBarTitleText: '纪律管理' })
