import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` listening and answers its URL (`http://host:port`, the port chosen when 0 was asked); a listen error rejects. */
export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return urlOf(host, (server.address() as AddressInfo).port);
}

/** The URL a server listening on `host:port` is reached at; one on every address (0.0.0.0) is named localhost. */
export const urlOf = (host: string, port: number) => `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
