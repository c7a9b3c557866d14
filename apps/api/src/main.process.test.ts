import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(tmpdir(), 'hjulet-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `src/main.ts` the way `pnpm start` does, on embedded PGlite in a temporary folder. */
function startMain(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development', ...env };
  delete childEnv['DATABASE_URL'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: path.resolve(import.meta.dirname, '..'), env: childEnv });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Hjulet is running: (\S+)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code}: ${output}`));
    });
  });
  // A start that fails is asserted through `exited`; the URL is then never awaited.
  url.catch(() => undefined);
  return { child, url, exited, output: () => output };
}

describe('the start command', () => {
  it('seeds an empty database, prints the URL and the demo logins, and stops cleanly on SIGTERM', async () => {
    const main = startMain({});
    const url = await main.url;
    expect(main.output()).toContain('personal@demo.hjulet.se');
    expect(main.output()).toContain('hjulet-demo-2026');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.output()).toContain('"msg":"stopped"');
  });

  it('keeps the data across a restart and does not seed twice', async () => {
    const main = startMain({ HEALTH_PORT: '0' });
    const url = await main.url;
    expect(main.output()).not.toContain('Demo logins (password');
    // With HEALTH_PORT the banner names the checks' own port, and they answer there.
    const healthUrl = /Health checks:\s+(http:\/\/\S+)\/healthz and /.exec(main.output())?.[1];
    expect(healthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(healthUrl).not.toBe(url);
    expect((await fetch(`${healthUrl}/readyz`)).status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "admin@demo.hjulet.se", password: "hjulet-demo-2026") { user { role } } }' }),
    });
    expect(await res.json()).toEqual({ data: { login: { user: { role: 'ADMIN' } } } });
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it.each(['PORT', 'HEALTH_PORT'])('says in one line, with no stack trace, that %s is taken and to change it', async (setting) => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const main = startMain({ HEALTH_PORT: '0', [setting]: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      expect(await main.exited).toBe(1);
      expect(main.output().trim()).toBe(`Port ${port} is in use: set ${setting} to a free port`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses to start with a bad setting and names the variable', async () => {
    const main = startMain({ PORT: 'eighty' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toMatch(/PORT/);
  });
});
