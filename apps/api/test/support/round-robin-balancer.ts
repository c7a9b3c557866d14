import http from 'node:http';

export interface Balancer {
  url: string;
  /** How many requests each upstream got, in the order of `upstreams`. */
  counts: number[];
  close(): Promise<void>;
}

/**
 * A tiny round-robin load balancer: each request goes to the next upstream in turn, body and headers as
 * they came (plus X-Forwarded-For, as a real one adds). No stickiness, so any state one instance keeps in
 * its memory shows up as a wrong answer on the next request.
 */
export async function startRoundRobinBalancer(upstreams: string[]): Promise<Balancer> {
  const counts = upstreams.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % upstreams.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
