import type { ApolloServerPlugin } from '@apollo/server';
import { requestMetrics } from './request-metrics.js';

/*
 * The backstop behind the cost limit (query-cost.ts): the cost of a list without `first` is an
 * estimate, so the answer itself is measured before it is sent. One that carries too many nodes or
 * bytes is replaced by a coded error and never sent. Queries only get here when the estimate was wrong;
 * a mutation's writes have happened by then, which is why mutations are held to the cost limit first
 * (and the phone's batches are idempotent, so a retry is safe).
 */

export interface ResponseCaps {
  maxNodes: number;
  maxBytes: number;
}

/** Every value in the answer (objects, list items, scalars), stopping as soon as `max` is passed. */
export function countNodes(value: unknown, max: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= max) {
    const current = pending.pop();
    count += 1;
    if (Array.isArray(current)) for (const item of current) pending.push(item);
    else if (current !== null && typeof current === 'object') for (const item of Object.values(current)) pending.push(item);
  }
  return count;
}

export function responseCapPlugin(caps: ResponseCaps): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.data) return;
          const { singleResult } = response.body;
          const tooMany = countNodes(singleResult.data, caps.maxNodes) > caps.maxNodes;
          // Counted in UTF-16 units first: a string's UTF-8 bytes are never fewer, and this is the cheap test.
          const text = tooMany ? '' : JSON.stringify(singleResult);
          const tooLarge = !tooMany && (text.length > caps.maxBytes || Buffer.byteLength(text) > caps.maxBytes);
          if (!tooMany && !tooLarge) return;
          const requestId = requestMetrics.getStore()?.requestId ?? null;
          response.body.singleResult = {
            data: null,
            errors: [
              { message: 'The answer is too large to send: ask for fewer rows or fields', extensions: { code: 'RESPONSE_TOO_LARGE', field: null, requestId } },
            ],
          };
        },
      };
    },
  };
}
