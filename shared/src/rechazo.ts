/**
 * A rule's refusal as a plain value: the shared rules (ppsh/reglas.ts, workflow/reglas.ts) return it instead of
 * throwing, because the server throws AppError and the desk ErrorCore; both keep the code, message and details as is.
 */
import type { CodigoError } from './codigos-error.js';

export interface Rechazo {
  ok: false;
  code: CodigoError;
  message: string;
  details?: Record<string, unknown>;
}

export const rechazo = (code: CodigoError, message: string, details?: Record<string, unknown>): Rechazo =>
  details ? { ok: false, code, message, details } : { ok: false, code, message };
