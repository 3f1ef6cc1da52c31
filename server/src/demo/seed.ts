import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { articles, orgUnits } from '../db/schema/index';
import { demoArticles } from './articles';
import { seedDemoLegal } from './legal';
import { DEMO_OPENING_HOURS, type DemoUnit, demoOrgTree } from './org-units';
import { seedDemoStaff } from './staff';

async function seedUnit(db: Database, unit: DemoUnit, parent: { id: number; path: string } | null): Promise<void> {
  const path = `${parent?.path ?? '/'}${unit.code}/`;
  await db
    .insert(orgUnits)
    .values({
      code: unit.code,
      name: unit.name,
      level: unit.level,
      parentId: parent?.id ?? null,
      path,
      address: unit.address,
      phone: unit.phone,
      latitude: unit.location?.latitude,
      longitude: unit.location?.longitude,
      openingHours: unit.openingHours ?? DEMO_OPENING_HOURS,
    })
    .onDuplicateKeyUpdate({ set: { code: unit.code } });
  const [saved] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, unit.code));
  if (!saved) throw new Error(`Demo unit ${unit.code} was not saved`);
  for (const child of unit.children ?? []) await seedUnit(db, child, { id: saved.id, path });
}

async function seedArticles(db: Database): Promise<void> {
  const existing = await db.select({ title: articles.title }).from(articles);
  const titles = new Set(existing.map((row) => row.title));
  const missing = demoArticles.filter((article) => !titles.has(article.title));
  if (missing.length === 0) return;
  const now = new Date();
  await db.insert(articles).values(missing.map((article) => ({ ...article, publishedAt: now })));
}

/**
 * Demo data for a local run (`DEMO_DATA=1`). Seeding twice changes nothing: existing rows are kept as
 * they are, so an admin's edits survive a restart.
 */
export async function seedDemoData(db: Database): Promise<void> {
  await seedUnit(db, demoOrgTree, null);
  await seedArticles(db);
  await seedDemoStaff(db);
  await seedDemoLegal(db);
}
