import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('starts with defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4000, databaseUrl: undefined, seedDemo: 'auto' });
    expect(config.jwtSecret).toHaveLength(32);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('refuses production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).env).toBe('production');
  });

  it('takes a read replica only beside a primary: the embedded database has none', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/hjulet' })).toThrow(/DATABASE_READ_URL/);
    const config = loadConfig({ DATABASE_URL: 'postgres://primary/hjulet', DATABASE_READ_URL: 'postgres://replica/hjulet' });
    expect(config).toMatchObject({ databaseReadUrl: 'postgres://replica/hjulet', readReplicaMaxLagSeconds: 30 });
  });

  it('takes a port of their own for the health checks, apart from PORT', () => {
    expect(loadConfig({}).healthPort).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: '' }).healthPort).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: '0' }).healthPort).toBe(0);
    expect(loadConfig({ PORT: '0', HEALTH_PORT: '0' }).healthPort).toBe(0);
    expect(loadConfig({ HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    expect(() => loadConfig({ HEALTH_PORT: 'nine' })).toThrow(/HEALTH_PORT/);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT/);
    expect(() => loadConfig({ PORT: '4000', HEALTH_PORT: '4000' })).toThrow(/HEALTH_PORT: must differ from PORT/);
  });

  it('lets writes give way to waiting reads down to one by default, or not at all with 0', () => {
    expect(loadConfig({}).admission.writeConcurrencyWhileReadsWait).toBe(1);
    expect(loadConfig({ ADMISSION_WRITE_CONCURRENCY_WHILE_READS_WAIT: '0' }).admission.writeConcurrencyWhileReadsWait).toBe(0);
    expect(() => loadConfig({ ADMISSION_WRITE_CONCURRENCY_WHILE_READS_WAIT: '-1' })).toThrow(/ADMISSION_WRITE_CONCURRENCY_WHILE_READS_WAIT/);
  });
});
