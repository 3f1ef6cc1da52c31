import { z } from 'zod';

/** Bump when the policy text changes; users are asked again. */
export const PRIVACY_POLICY_VERSION = '2026-11-01';

export const consentKinds = ['privacy-policy', 'sensitive-info'] as const;
export const consentKindSchema = z.enum(consentKinds);
export type ConsentKind = z.infer<typeof consentKindSchema>;

export const consentBodySchema = z.strictObject({
  kind: consentKindSchema,
  version: z.string().min(1).max(32),
  granted: z.boolean(),
});
