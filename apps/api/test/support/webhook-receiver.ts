import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';

type VerifyWebhook = (secret: string, headers: Record<string, string>, rawBody: string) => unknown;
/** The dependency-free verifier docs/partner-api.md gives partners: it must accept what the API sends. */
const docsVerifier = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../../../../docs/examples/verify-webhook.mjs')).href)) as {
  verifyWebhook: VerifyWebhook;
};

/** A delivery as the receiver saw it: headers, body, whether its signature verified and whether it was accepted. */
export interface Received {
  id: string;
  /** The request as it arrived: its headers and raw body, for a test that verifies the signature itself. */
  headers: Record<string, string>;
  raw: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  /** By standardwebhooks' Webhook.verify. */
  verified: boolean;
  /** By the documented dependency-free verifier (docs/examples/verify-webhook.mjs). */
  verifiedByDocs: boolean;
  accepted: boolean;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order. */
  received: Received[];
  /** Accepted (2xx) deliveries of an event type. */
  accepted(type?: string): Received[];
  /** The secret to verify with; set after the endpoint is registered. */
  secret: string | null;
  /** Refuse (HTTP 503) the next `n` requests. */
  failNext(n: number): void;
  /** Refuse every request until told otherwise. */
  failAlways(on: boolean): void;
  /** Refuse the first `n` tries of each delivery (by webhook-id), from now on: every event fails before it gets through. */
  failFirstTriesOfEach(n: number): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A partner's endpoint on the loopback: verifies each request with standardwebhooks' Webhook.verify, as a partner would. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let failures = 0;
  let always = false;
  let firstTriesToFail = 0;
  const receiver: WebhookReceiver = {
    url: '',
    received,
    secret: null,
    accepted: (type) => received.filter((r) => r.accepted && (!type || r.body.type === type)),
    failNext: (n) => {
      failures = n;
    },
    failAlways: (on) => {
      always = on;
    },
    failFirstTriesOfEach: (n) => {
      firstTriesToFail = n;
    },
    async waitFor(predicate, timeoutMs = 30_000) {
      const started = Date.now();
      while (!predicate()) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out; received ${JSON.stringify(received.map((r) => [r.id, r.accepted]))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        if (receiver.secret) new Webhook(receiver.secret).verify(raw, headers);
        verified = receiver.secret !== null;
      } catch {
        verified = false;
      }
      let verifiedByDocs = false;
      try {
        if (receiver.secret) docsVerifier.verifyWebhook(receiver.secret, headers, raw);
        verifiedByDocs = receiver.secret !== null;
      } catch {
        verifiedByDocs = false;
      }
      const id = headers['webhook-id'] ?? '';
      const earlyTry = received.filter((r) => r.id === id).length < firstTriesToFail;
      const accepted = verified && !always && failures <= 0 && !earlyTry;
      if (!accepted && failures > 0) failures -= 1;
      received.push({ id, headers, raw, body: JSON.parse(raw) as Received['body'], verified, verifiedByDocs, accepted, at: performance.now() });
      res.writeHead(accepted ? 204 : verified ? 503 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/hjulet`;
  return receiver;
}
