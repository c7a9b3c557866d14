#!/usr/bin/env node
// Verifying a Hjulet webhook delivery (Standard Webhooks, https://www.standardwebhooks.com), on Node 20+
// with no dependencies. Use it in your receiver as
//
//   import { verifyWebhook } from './verify-webhook.mjs';
//   const event = verifyWebhook(process.env.HJULET_WEBHOOK_SECRET, request.headers, rawBody); // throws if not genuine
//
// Run on its own (`node docs/examples/verify-webhook.mjs`), it signs a sample delivery the way Hjulet does
// and checks that the genuine one passes and a tampered or stale one does not.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far the `webhook-timestamp` may be from your clock: older deliveries may be replays. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks a delivery and answers its parsed body ({ type, timestamp, data }), or throws.
 * `rawBody` must be the bytes as received (a string or Buffer): re-serialised JSON will not match.
 * `headers` is a plain object with lower-case names, as Node's `request.headers` is.
 */
export function verifyWebhook(secret, headers, rawBody, now = new Date()) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('missing webhook-id, webhook-timestamp or webhook-signature');
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt) || Math.abs(now.getTime() / 1000 - sentAt) > TOLERANCE_SECONDS) throw new Error('timestamp too old or too new');
  // The secret is `whsec_` and the key in base64; the signature is HMAC-SHA256 of "id.timestamp.body".
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody.toString()}`).digest();
  // The header may hold several signatures ("v1,… v1,…"), e.g. while a secret is being replaced.
  const genuine = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!genuine) throw new Error('signature does not match');
  return JSON.parse(rawBody.toString());
}

/** A delivery signed as Hjulet signs it (for the self-test). */
function sampleDelivery(secret, sentAt) {
  const body = JSON.stringify({
    type: 'referral.created',
    timestamp: '2026-11-26T09:14:03.120Z',
    data: { referralId: '5b1e8f0a-3c55-4d7e-9a61-0f4b2c8d7e19', area: { code: 'NORR', name: 'Norr' }, createdAt: '2026-11-26T09:14:03.120Z' },
  });
  const id = '0c6f6a52-8f1e-4c3a-b7a9-2f1d9e5c4b21';
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  return { headers: { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, body };
}

function passes(check) {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const now = new Date();
  const { headers, body } = sampleDelivery(secret, now);
  const stale = sampleDelivery(secret, new Date(now.getTime() - 10 * 60_000));
  console.log(
    JSON.stringify({
      genuine: passes(() => verifyWebhook(secret, headers, body)),
      tamperedBody: passes(() => verifyWebhook(secret, headers, body.replace('NORR', 'SODER'))),
      wrongSecret: passes(() => verifyWebhook('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers, body)),
      stale: passes(() => verifyWebhook(secret, stale.headers, stale.body)),
    }),
  );
}
