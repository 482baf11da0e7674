// Responses the collector reads but never keeps as they are: the rate-limit pool, and the token's authorization
// (its access token is compared in memory and dropped; only metadata reaches the snapshot).
import { z } from 'zod';

export const rateLimit = z.object({ remaining: z.number() });

// The access token is in this payload: the collector compares it in memory, and only the metadata leaves.
export const authorization = z.object({
  id: z.string(),
  description: z.string().nullable().optional(),
  scope: z.array(z.string()).nullable().optional(),
  created_at: z.string(),
  updated_at: z.string().nullable().optional(),
  access_token: z
    .object({ expires_in: z.number().nullable().optional(), token: z.string().optional() })
    .nullable()
    .optional(),
  client: z.object({ id: z.string(), name: z.string().optional() }).nullable().optional(),
});

export type Authorization = z.infer<typeof authorization>;
