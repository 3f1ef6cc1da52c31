import { beforeAll, describe, it } from 'vitest';
import { allRoutes } from './harness/weapp.ts';
import { harnessEnv } from './support/harness.ts';
import { type Account, checkPage, type Fixtures, makeFixtures, mayOpen, pageTable, signInAs } from './support/pages.ts';
import type { Role } from './support/sessions.ts';

// Every route in app.json, on a cold launch, renders its first screen with its real text and no problem.
const roles: Role[] = ['veteran', 'family'];
const routes = allRoutes(harnessEnv().distDir);
// Signed in while the tests are collected: which pages each role may open depends on its real session.
const accounts = new Map<Role, Account>();
for (const role of roles) accounts.set(role, await signInAs(role));
// Each citizen's own request and booking, for the pages that show one.
const fixtures = new Map<Role, Fixtures>();

beforeAll(async () => {
  for (const role of roles) fixtures.set(role, await makeFixtures(accounts.get(role) as Account));
});

for (const role of roles) {
  describe(`every page as ${role}`, () => {
    for (const route of routes) {
      const account = accounts.get(role) as Account;
      // A route without a row runs (and fails, asking for one).
      const access = pageTable[route]?.access ?? 'public';
      it.skipIf(role !== 'guest' && !mayOpen(account, access))(route, () =>
        checkPage(account, route, fixtures.get(role) as Fixtures),
      );
    }
  });
}
