/**
 * The single holder of the signed-in user's access token. The API client adds it as
 * `Authorization: Bearer …`; login and logout (later work) are the only writers.
 */
let accessToken: string | undefined;

export const session = {
  getToken(): string | undefined {
    return accessToken;
  },
  setToken(token: string): void {
    accessToken = token;
  },
  clear(): void {
    accessToken = undefined;
  },
};
