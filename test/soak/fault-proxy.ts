import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * The network between the phones and the API: spreads requests round-robin over the API instances and,
 * while faults are on, breaks deliveries at the configured rates. Every fault is counted, so the checker's
 * figures say what the system survived.
 */

export interface FaultRates {
  /** The request never reaches a server: the connection dies while sending. */
  dropBefore: number;
  /** The server handled (and committed) the request, but its answer never reaches the phone. */
  dropAfter: number;
  /** A second copy of the request reaches the other instance later, after the phone moved on. */
  duplicate: number;
  /** A slow link: the request waits 0.2–2 s before it is delivered. */
  slow: number;
}

export interface FaultCounts {
  requests: number;
  droppedBeforeServer: number;
  droppedAfterCommit: number;
  duplicated: number;
  /** Copies that reached a server after a later request of the same phone: delivered out of order. */
  reordered: number;
  slow: number;
  /** A server died or was unreachable while handling a request: the phone got a 502, as from a load balancer. */
  badGateway: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  setFaults(on: boolean): void;
  close(): Promise<void>;
}

interface Upstream {
  port: number;
}

interface Delivered {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(upstreams: Upstream[], rates: FaultRates, random: () => number = Math.random): Promise<FaultProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const counts: FaultCounts = { requests: 0, droppedBeforeServer: 0, droppedAfterCommit: 0, duplicated: 0, reordered: 0, slow: 0, badGateway: 0 };
  let faults = false;
  let next = 0;
  // Per phone (its bearer token): how many requests were forwarded, to tell a late copy from an on-time one.
  const forwarded = new Map<string, number>();

  const deliver = (upstream: Upstream, req: http.IncomingMessage, body: Buffer): Promise<Delivered> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${upstream.port}`, 'content-length': String(body.length) };
      const out = http.request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  // A connection refused means nothing was sent: the next instance is tried, as a load balancer does.
  const deliverToAny = async (req: http.IncomingMessage, body: Buffer): Promise<Delivered> => {
    let lastError: unknown;
    for (let tries = 0; tries < upstreams.length; tries++) {
      const upstream = upstreams[next++ % upstreams.length]!;
      try {
        return await deliver(upstream, req, body);
      } catch (error) {
        lastError = error;
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
      }
    }
    throw lastError;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    counts.requests += 1;
    const phone = req.headers.authorization ?? '';
    const faulty = faults && req.url?.startsWith('/graphql') === true;
    if (faulty && random() < rates.dropBefore) {
      counts.droppedBeforeServer += 1;
      res.socket?.destroy();
      return;
    }
    if (faulty && random() < rates.slow) {
      counts.slow += 1;
      await sleep(200 + random() * 1_800);
    }
    if (faulty && random() < rates.duplicate) {
      counts.duplicated += 1;
      const sequence = forwarded.get(phone) ?? 0;
      void sleep(random() * 1_500)
        .then(() => {
          if ((forwarded.get(phone) ?? 0) > sequence + 1) counts.reordered += 1;
          return deliverToAny(req, body);
        })
        .catch(() => undefined);
    }
    forwarded.set(phone, (forwarded.get(phone) ?? 0) + 1);
    let answer: Delivered;
    try {
      answer = await deliverToAny(req, body);
    } catch {
      counts.badGateway += 1;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
      return;
    }
    if (faulty && random() < rates.dropAfter) {
      counts.droppedAfterCommit += 1;
      res.socket?.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers['connection'];
    delete headers['keep-alive'];
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) }).end(answer.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setFaults(on) {
      faults = on;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
