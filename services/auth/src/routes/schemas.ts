import { userRoles, z } from '@urr/common';
import { refreshTokenCookieName } from '@urr/common/auth/access-token';
import { passwordRules } from '../domain/password.js';

export const Account = z
  .object({
    id: z.uuid(),
    email: z.email(),
    displayName: z.string(),
    role: z.enum(userRoles),
    createdAt: z.iso.datetime(),
  })
  .openapi('Account');

export const Session = z
  .object({
    account: Account,
    accessToken: z
      .string()
      .openapi({ description: 'The access JWT (also set as the urr-access-token cookie)' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
  })
  .openapi('Session');

export const SignedOutEverywhere = z
  .object({
    sessionsEnded: z
      .number()
      .int()
      .openapi({ description: 'Sign-ins that were still live and are now over' }),
    signedOutAt: z.iso.datetime().openapi({
      description: 'Sessions begun and passes issued before this instant are void; new ones work',
    }),
  })
  .openapi('SignedOutEverywhere');

/** The addresses zod's e-mail check takes, its pattern documented so a client knows which `format: email` passes. */
export const Email = z
  .email()
  .max(254)
  .openapi({ example: 'fan@example.com', pattern: z.regexes.email.source });

export const RegisterBody = z
  .object({
    email: Email,
    password: z
      .string()
      .min(passwordRules.minLength, { error: `must be at least ${passwordRules.minLength} characters` })
      .max(passwordRules.maxLength),
    displayName: z.string().trim().min(1).max(80).optional(),
  })
  .openapi('RegisterRequest');

export const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(passwordRules.maxLength) })
  .openapi('LoginRequest');

export const refreshCookie = z.object({
  [refreshTokenCookieName]: z
    .string()
    .optional()
    .openapi({ description: 'The rotating refresh token (HttpOnly; path /api/v1/auth)' }),
});
