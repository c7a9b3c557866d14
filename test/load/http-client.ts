import http from 'node:http';

export interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
  ms: number;
  /** Why there was no answer (status 0): `ECONNRESET`, `timeout`... */
  error?: string;
}

/**
 * One HTTP request with its latency, over a keep-alive agent: each simulated phone or supervisor has at
 * most one request in flight, so the agent holds about one connection per client, as 200 phones would.
 * A network error or a timeout answers status 0 (counted as an error, never thrown).
 */
export function send(agent: http.Agent, url: string, method: 'GET' | 'POST', body?: string, token?: string, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', (error) => resolve({ status: 0, retryAfter: undefined, body: '', ms: performance.now() - started, error: codeOf(error) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, retryAfter: undefined, body: '', ms: performance.now() - started, error: codeOf(error) }));
    req.end(body);
  });
}

const codeOf = (error: Error) => (error as NodeJS.ErrnoException).code ?? error.message;
