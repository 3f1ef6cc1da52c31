import {
  type SubscribeTemplate,
  type SubscriptionState,
  subscribeTemplateKeys,
  subscribeTemplates,
} from '@veterans/shared';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { subscriptionGrants } from '../../db/schema/index';
import type { TemplateSettings } from './templates';

/** A bound on stored grants: more "allow" taps than this are not kept (WeChat keeps its own count anyway). */
export const MAX_REMAINING_GRANTS = 1000;

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

/** Each accepted template (one-time subscription) lets us send one more message of it. */
export async function addGrants(db: Executor, userId: number, templates: readonly SubscribeTemplate[]): Promise<void> {
  const unique = [...new Set(templates)];
  if (unique.length === 0) return;
  await db
    .insert(subscriptionGrants)
    .values(unique.map((template) => ({ userId, template, remaining: 1 })))
    .onDuplicateKeyUpdate({
      set: {
        remaining: sql`LEAST(${subscriptionGrants.remaining} + 1, ${MAX_REMAINING_GRANTS})`,
        updatedAt: sql`CURRENT_TIMESTAMP(3)`,
      },
    });
}

/** Takes one grant, atomically; false when there is none left (then the message must not be sent). */
export async function consumeGrant(db: Executor, userId: number, template: string): Promise<boolean> {
  const [result] = await db
    .update(subscriptionGrants)
    .set({ remaining: sql`${subscriptionGrants.remaining} - 1`, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(
      and(
        eq(subscriptionGrants.userId, userId),
        eq(subscriptionGrants.template, template),
        gt(subscriptionGrants.remaining, 0),
      ),
    );
  return result.affectedRows === 1;
}

/** Gives back a grant taken for a message WeChat certainly did not deliver. */
export async function refundGrant(db: Executor, userId: number, template: string): Promise<void> {
  await addGrants(db, userId, [template as SubscribeTemplate]);
}

/** WeChat says the user accepts no message of this template: whatever we counted is wrong. */
export async function clearGrants(db: Executor, userId: number, template: string): Promise<void> {
  await db
    .update(subscriptionGrants)
    .set({ remaining: 0, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
    .where(and(eq(subscriptionGrants.userId, userId), eq(subscriptionGrants.template, template)));
}

/** Every template of the catalogue with the caller's remaining grants and the WeChat id the app asks for. */
export async function subscriptionState(
  db: Executor,
  userId: number,
  settings: TemplateSettings,
): Promise<SubscriptionState[]> {
  const rows = await db
    .select({ template: subscriptionGrants.template, remaining: subscriptionGrants.remaining })
    .from(subscriptionGrants)
    .where(eq(subscriptionGrants.userId, userId));
  const remaining = new Map(rows.map((row) => [row.template, row.remaining]));
  return subscribeTemplateKeys.map((template) => ({
    template,
    title: subscribeTemplates[template].title,
    description: subscribeTemplates[template].description,
    templateId: settings[template]?.id ?? null,
    remaining: Math.max(0, remaining.get(template) ?? 0),
  }));
}
