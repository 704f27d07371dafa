import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/config/errors.ts';

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'mailferry-config-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'the error is one line');
    return error.message;
  }
  assert.fail('expected a config error');
}

test('embedded defaults: ./data from the working directory, major, 127.0.0.1:8025', () => {
  withDir((dir) => {
    const { config, file } = loadConfig({ cwd: dir, env: {} });
    assert.equal(file, undefined);
    assert.equal(config.store.dataDir, join(dir, 'data'));
    assert.equal(config.log.level, 'major');
    assert.equal(config.log.file, undefined);
    assert.deepEqual(config.http, { host: '127.0.0.1', port: 8025 });
  });
});

test('./mailferry.yaml is read when present; MAILFERRY_CONFIG and an explicit file win over it', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'mailferry.yaml'), 'http:\n  port: 9001\n');
    writeFileSync(join(dir, 'other.yaml'), 'http:\n  port: 9002\n');
    writeFileSync(join(dir, 'third.yaml'), 'http:\n  port: 9003\n');
    assert.equal(loadConfig({ cwd: dir, env: {} }).config.http.port, 9001);
    assert.equal(loadConfig({ cwd: dir, env: { MAILFERRY_CONFIG: 'other.yaml' } }).config.http.port, 9002);
    const explicit = loadConfig({ cwd: dir, env: { MAILFERRY_CONFIG: 'other.yaml' }, file: 'third.yaml' });
    assert.equal(explicit.config.http.port, 9003);
    assert.equal(explicit.file, join(dir, 'third.yaml'));
  });
});

test('environment overrides the file; the general name wins over the shortcut; options win over both', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'mailferry.yaml'), 'log:\n  level: problems\nhttp:\n  port: 9001\n');
    const env = { MAILFERRY_HTTP_PORT: '9100', MAILFERRY_LOG_LEVEL: 'all', MAILFERRY_DATA_DIR: '/srv/a' };
    const fromEnv = loadConfig({ cwd: dir, env }).config;
    assert.equal(fromEnv.http.port, 9100);
    assert.equal(fromEnv.log.level, 'all');
    assert.equal(fromEnv.store.dataDir, '/srv/a');
    const both = loadConfig({ cwd: dir, env: { ...env, MAILFERRY_STORE_DATA_DIR: '/srv/b' } }).config;
    assert.equal(both.store.dataDir, '/srv/b');
    const withOption = loadConfig({
      cwd: dir,
      env,
      overrides: [{ path: 'log.level', value: 'major', origin: 'from --log-level' }],
    }).config;
    assert.equal(withOption.log.level, 'major');
  });
});

test('a bad value names the key, the expectation, the value and the file', () => {
  withDir((dir) => {
    const file = join(dir, 'mailferry.yaml');
    writeFileSync(file, 'log:\n  level: loud\n');
    assert.equal(
      errorOf(() => loadConfig({ cwd: dir, env: {} })),
      `config error: log.level: expected one of problems|major|low-level|all, got "loud" (in ${file})`,
    );
    writeFileSync(file, 'http:\n  port: 70000\n');
    assert.equal(errorOf(() => loadConfig({ cwd: dir, env: {} })), `config error: http.port: must be at most 65535, got 70000 (in ${file})`);
    writeFileSync(file, 'http:\n  port: eighty\n');
    assert.equal(errorOf(() => loadConfig({ cwd: dir, env: {} })), `config error: http.port: expected number, got "eighty" (in ${file})`);
    writeFileSync(file, 'http: 5\n');
    assert.equal(errorOf(() => loadConfig({ cwd: dir, env: {} })), `config error: http: expected a mapping, got 5 (in ${file})`);
  });
});

test('unknown keys are refused, with the keys known at that place', () => {
  withDir((dir) => {
    const file = join(dir, 'mailferry.yaml');
    writeFileSync(file, 'http:\n  prot: 8025\n');
    assert.equal(
      errorOf(() => loadConfig({ cwd: dir, env: {} })),
      `config error: http.prot: unknown key (known here: host, port) (in ${file})`,
    );
    writeFileSync(file, 'imapp:\n  port: 143\n');
    assert.match(errorOf(() => loadConfig({ cwd: dir, env: {} })), /^config error: imapp: unknown key \(known here: store, log, http/);
  });
});

test('an environment value that is wrong names the variable', () => {
  withDir((dir) => {
    assert.equal(
      errorOf(() => loadConfig({ cwd: dir, env: { MAILFERRY_HTTP_PORT: 'abc' } })),
      'config error: http.port: expected number, got "abc" (from MAILFERRY_HTTP_PORT)',
    );
    assert.equal(
      errorOf(() => loadConfig({ cwd: dir, env: { MAILFERRY_LOG_LEVEL: 'loud' } })),
      'config error: log.level: expected one of problems|major|low-level|all, got "loud" (from MAILFERRY_LOG_LEVEL)',
    );
  });
});

test('a missing explicit file, a YAML syntax error and a non-mapping file are one-line errors', () => {
  withDir((dir) => {
    assert.equal(
      errorOf(() => loadConfig({ cwd: dir, env: {}, file: 'nope.yaml' })),
      `config error: cannot read ${join(dir, 'nope.yaml')}: file not found`,
    );
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'http:\n  port: [1, 2\n');
    assert.match(errorOf(() => loadConfig({ cwd: dir, env: {}, file })), /^config error: YAML syntax: .+ \(in .*bad\.yaml\)$/);
    writeFileSync(file, '- a\n- b\n');
    assert.match(errorOf(() => loadConfig({ cwd: dir, env: {}, file })), /^config error: \(top level\): expected a mapping/);
    writeFileSync(file, '');
    assert.equal(loadConfig({ cwd: dir, env: {}, file }).config.http.port, 8025);
  });
});
