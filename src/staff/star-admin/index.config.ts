export default definePageConfig({ navigationBarTitleText: '星级管理' })
