import {
  type ConsentKind,
  type FamilyLink,
  type FamilyLinkRequest,
  familyLinkSchema,
  type IdentityDisputeInput,
  type IdentityInput,
  type Me,
  meSchema,
  type OrgUnit,
  orgUnitSchema,
} from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';
import type { StoredSession } from '../../api/session';

/** `as`: a session not stored yet (completing a sign-in). */
export function fetchMe(as?: StoredSession): Promise<Me> {
  return request('GET', '/me', { schema: meSchema, as });
}

export function submitIdentity(input: IdentityInput): Promise<Me> {
  return request('PUT', '/me/identity', { schema: meSchema, body: input, quiet: true });
}

/** 身份申诉 (server/src/modules/veterans/dispute-routes.ts). */
export function fileIdentityDispute(input: IdentityDisputeInput): Promise<{ id: number }> {
  return request('POST', '/me/identity-disputes', {
    schema: z.object({ id: z.number().int() }),
    body: input,
    quiet: true,
  });
}

export async function fetchOrgUnits(): Promise<OrgUnit[]> {
  const { items } = await request('GET', '/org-units', { schema: z.object({ items: z.array(orgUnitSchema) }) });
  return items;
}

const consentStateSchema = z.object({ privacyPolicyVersion: z.string().nullable(), sensitiveInfo: z.boolean() });
export type ConsentState = z.infer<typeof consentStateSchema>;

export function recordConsent(
  kind: ConsentKind,
  version: string,
  granted: boolean,
  as?: StoredSession,
): Promise<ConsentState> {
  return request('POST', '/me/consents', { schema: consentStateSchema, body: { kind, version, granted }, as });
}

export const myDataExportSchema = z.object({
  exportedAt: z.string(),
  notice: z.string(),
  sections: z.array(z.object({ key: z.string(), title: z.string(), data: z.unknown() })),
});
export type MyDataExport = z.infer<typeof myDataExportSchema>;

export function exportMyData(): Promise<MyDataExport> {
  return request('GET', '/me/export', { schema: myDataExportSchema });
}

const deletedSchema = z.object({ deleted: z.literal(true), message: z.string(), retained: z.array(z.string()) });
export type AccountDeleted = z.infer<typeof deletedSchema>;

export function deleteMyAccount(): Promise<AccountDeleted> {
  return request('DELETE', '/me', { schema: deletedSchema });
}

export async function fetchFamilyLinks(): Promise<FamilyLink[]> {
  const { items } = await request('GET', '/me/family-links', {
    schema: z.object({ items: z.array(familyLinkSchema) }),
  });
  return items;
}

export function requestFamilyLink(body: FamilyLinkRequest): Promise<FamilyLink> {
  return request('POST', '/me/family-links', { schema: familyLinkSchema, body, quiet: true });
}

export type FamilyLinkAction = 'confirm' | 'reject' | 'end';

export function actOnFamilyLink(id: number, action: FamilyLinkAction): Promise<FamilyLink> {
  return request('POST', `/me/family-links/${id}/${action}`, { schema: familyLinkSchema });
}

/** The 退伍证 / 优待证 photo (uploaded first) for the staff who verify the caller's waiting claim. */
export function attachIdentityProof(uploadId: string): Promise<Me> {
  return request('POST', '/me/identity/proof', { schema: meSchema, body: { uploadId }, quiet: true });
}
