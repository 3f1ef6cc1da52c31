/// <reference types="@tarojs/taro" />

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built, injected by Taro. */
    TARO_ENV: 'weapp' | 'h5' | undefined;
    /** API base URL override, injected by config/index.ts (see src/api/base-url.ts). */
    TARO_APP_API_BASE?: string;
    /** miniapp/package.json version, injected by config/index.ts. */
    TARO_APP_VERSION: string;
  }
}
