/**
 * The part of jsdom the harness uses. Not `@types/jsdom`: it declares the DOM library globally, and pnpm's
 * hoisting would hand it to every package whose vitest types look for jsdom (the server is type-checked without
 * the DOM library, and its fetch calls stop compiling under DOM's types).
 */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
