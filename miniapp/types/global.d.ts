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

/**
 * WeChat's API object, on weapp only: for the few calls Taro does not declare (人脸核身 v2's wx.requestFacialVerify,
 * base library 3.8.12). Never touched on H5.
 */
declare const wx: {
  requestFacialVerify(options: {
    verifyId: string;
    success: () => void;
    fail: (result: { errMsg?: string; errCode?: number }) => void;
  }): void;
};

/** Images imported by components (the care-mode tab bar's icons): the bundler gives their URL. */
declare module '*.png' {
  const url: string;
  export default url;
}
