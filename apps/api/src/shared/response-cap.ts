import type { ApolloServerPlugin } from '@apollo/server';
import { refusalBody } from './error-codes.js';
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

/**
 * Every value in the answer (objects, list items, scalars), stopping as soon as `max` is passed, and an
 * upper bound of the bytes its JSON text takes: a string (or key) of n UTF-16 units never takes more than
 * 6n + 3 bytes (a unit escaped as `\uXXXX` is 6 bytes, and UTF-8 needs at most 3 per unit), any other
 * scalar at most 32 (a number's shortest form, `false`, `null`). The bound is what lets an ordinary answer
 * pass without being turned into JSON a second time: Apollo stringifies it once more to send it.
 */
export function measureAnswer(value: unknown, max: number): { nodes: number; maxBytes: number } {
  let nodes = 0;
  let maxBytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && nodes <= max) {
    const current = pending.pop();
    nodes += 1;
    if (Array.isArray(current)) {
      maxBytes += 2 + current.length;
      for (const item of current) pending.push(item);
    } else if (current !== null && typeof current === 'object') {
      maxBytes += 2;
      for (const key in current) {
        maxBytes += 6 * key.length + 4;
        pending.push((current as Record<string, unknown>)[key]);
      }
    } else maxBytes += typeof current === 'string' ? 6 * current.length + 3 : 32;
  }
  return { nodes, maxBytes };
}

/** Every value in the answer (objects, list items, scalars), stopping as soon as `max` is passed. */
export const countNodes = (value: unknown, max: number): number => measureAnswer(value, max).nodes;

export function responseCapPlugin(caps: ResponseCaps): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.data) return;
          const { singleResult } = response.body;
          const measured = measureAnswer(singleResult.data, caps.maxNodes);
          const tooMany = measured.nodes > caps.maxNodes;
          // Only an answer that might be too large is turned into text to know. Errors and extensions are
          // bounded too (they are seldom there); 64 bytes cover the keys around them.
          const rest = singleResult.errors || singleResult.extensions ? measureAnswer([singleResult.errors, singleResult.extensions], Infinity).maxBytes : 0;
          const mayBeTooLarge = measured.maxBytes + rest + 64 > caps.maxBytes;
          // Counted in UTF-16 units first: a string's UTF-8 bytes are never fewer, and this is the cheap test.
          const text = tooMany || !mayBeTooLarge ? '' : JSON.stringify(singleResult);
          const tooLarge = text !== '' && (text.length > caps.maxBytes || Buffer.byteLength(text) > caps.maxBytes);
          if (!tooMany && !tooLarge) return;
          const requestId = requestMetrics.getStore()?.requestId ?? null;
          response.body.singleResult = {
            data: null,
            ...refusalBody('RESPONSE_TOO_LARGE', 'The answer is too large to send: ask for fewer rows or fields', { requestId }),
          };
        },
      };
    },
  };
}
