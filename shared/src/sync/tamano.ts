/**
 * Sizes that keep the outbox moving. The API's JSON parser refuses a body over LIMITE_BYTES_PUSH (server/src/app.ts,
 * `express.json({ limit: '1mb' })`): a push larger than that would be refused whole, every time, and block every command
 * behind it. So the desk sends batches under that limit, each command is bounded well below it (every free-form field of
 * the shared schemas has a maximum, and `acotadoEnBytes` bounds the free-form JSON ones), and a command over
 * MAX_BYTES_COMANDO is refused when the officer makes it, with a message she can act on.
 */
import type { z } from 'zod';

/** The API's JSON body limit (body-parser's '1mb' = 1024 × 1024 bytes). */
export const LIMITE_BYTES_PUSH = 1024 * 1024;
/** What one command may weigh encoded: the rest of the push body (envelope, ids) always fits beside it. */
export const MAX_BYTES_COMANDO = 900 * 1024;

const utf8 = new TextEncoder();
/** Bytes of a value encoded as JSON (UTF-8), as it travels in a push body. */
export const bytesJson = (v: unknown): number => utf8.encode(JSON.stringify(v) ?? '').length;

/** A free-form JSON field (metadata, answers) bounded by its encoded size: its shape is open, its weight is not. */
export const acotadoEnBytes = <T extends z.ZodType>(s: T, maxBytes: number) =>
  s.refine((v) => bytesJson(v) <= maxBytes, {
    error: `Demasiado grande: máximo ${Math.floor(maxBytes / 1024)} KB`,
  });
