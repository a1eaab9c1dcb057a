// The two parts of rate-limiter-flexible the club uses, imported by file so a function bundle does
// not pull in every store driver the package index requires (Redis, Mongo, Etcd, …).
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract' {
  import { RateLimiterStoreAbstract } from 'rate-limiter-flexible'
  export = RateLimiterStoreAbstract
}

declare module 'rate-limiter-flexible/lib/RateLimiterRes' {
  import { RateLimiterRes } from 'rate-limiter-flexible'
  export = RateLimiterRes
}
