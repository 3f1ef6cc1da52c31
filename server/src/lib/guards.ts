import type { StaffRole } from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

export interface CitizenCaller {
  userId: number;
}

export interface StaffCaller {
  staffId: number;
  role: StaffRole;
  unitId: number;
}

/** The signed-in veteran or family member, or 403 for staff tokens. */
export function requireCitizen(request: FastifyRequest): CitizenCaller {
  if (request.user?.typ !== 'citizen') throw new AppError('FORBIDDEN');
  return { userId: Number(request.user.sub) };
}

/** The signed-in staff member, optionally limited to some roles; 403 otherwise. */
export function requireStaff(request: FastifyRequest, roles?: readonly StaffRole[]): StaffCaller {
  const user = request.user;
  if (user?.typ !== 'staff' || user.unit === null) throw new AppError('FORBIDDEN');
  const role = user.role as StaffRole;
  if (roles && !roles.includes(role)) throw new AppError('FORBIDDEN');
  return { staffId: Number(user.sub), role, unitId: user.unit };
}
