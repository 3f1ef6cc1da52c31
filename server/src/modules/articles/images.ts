import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { articles, uploads } from '../../db/schema/index';
import { ARTICLE_IMAGE_PREFIX } from './sanitize';
import { containsAny } from './search';

export type ArticleImage = Pick<typeof uploads.$inferSelect, 'publicId' | 'storageKey' | 'mimeType' | 'sizeBytes'>;

/**
 * An image for the public: a jpg or png uploaded by staff that a published article shows. Anything else —
 * a citizen's file, a pdf, an image only in drafts — is not served here, so request attachments never leak.
 */
export async function publicArticleImage(db: Database, publicId: string): Promise<ArticleImage | undefined> {
  const [upload] = await db
    .select({
      publicId: uploads.publicId,
      storageKey: uploads.storageKey,
      mimeType: uploads.mimeType,
      sizeBytes: uploads.sizeBytes,
    })
    .from(uploads)
    .where(
      and(
        eq(uploads.publicId, publicId),
        eq(uploads.uploaderType, 'staff'),
        inArray(uploads.mimeType, ['image/jpeg', 'image/png']),
      ),
    )
    .limit(1);
  if (!upload) return undefined;
  // The sanitiser writes every src as `"/api/v1/articles/images/<id>"`, quotes included.
  const [shown] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'published'), containsAny([articles.body], `"${ARTICLE_IMAGE_PREFIX}${publicId}"`)))
    .limit(1);
  return shown ? upload : undefined;
}
