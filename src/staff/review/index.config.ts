export default definePageConfig({ navigationBarTitleText: '注册审核' })
