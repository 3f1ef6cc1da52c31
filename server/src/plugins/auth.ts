import jwt from '@fastify/jwt';
import type { Role } from '@veterans/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** What a short-lived access token says about its holder. */
export interface AccessClaims {
  sub: string;
  typ: 'citizen' | 'staff';
  role: Role;
  /** The staff member's org unit; null for citizens. */
  unit: number | null;
  /** A staff account that must change its password before doing anything else. */
  pwc: boolean;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for protected routes: verifies the bearer token or answers 401. */
    authenticate(request: FastifyRequest): Promise<void>;
    signAccessToken(claims: AccessClaims): string;
  }
  interface FastifyContextConfig {
    /** Lets a staff member with a pending forced password change reach this route (the change itself, sign-out). */
    allowPendingPasswordChange?: boolean;
  }
}

const JWT_ERRORS: Record<string, 'UNAUTHORIZED' | 'TOKEN_EXPIRED'> = {
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'UNAUTHORIZED',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'TOKEN_EXPIRED',
};

async function auth(app: FastifyInstance) {
  await app.register(jwt, {
    secret: app.config.JWT_SECRET,
    sign: { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });

  app.decorate('signAccessToken', (claims: AccessClaims) => app.jwt.sign(claims));

  app.decorate('authenticate', async (request: FastifyRequest) => {
    try {
      await request.jwtVerify();
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new AppError((code && JWT_ERRORS[code]) || 'INVALID_TOKEN');
    }
    if (request.user.pwc && !request.routeOptions.config.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

export default fp(auth, { name: 'auth', dependencies: ['config'] });
