import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createProgram } from '../../src/cli/program.ts';
import { runCli, tempDir } from './run-cli.ts';

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

test('every command and subcommand has a description and a --help with an example', () => {
  const commands = allCommands(createProgram());
  assert.ok(commands.length >= 20, `found ${commands.length} commands`);
  for (const command of commands) {
    const help = helpOf(command);
    assert.ok(command.description().length > 0, `${command.name()} has no description`);
    assert.match(help, /Examples?:\n {2}\$ mailferry /, `${command.name()} --help has no example`);
  }
});

test('--help and --version through the real command exit 0', async () => {
  const [help, version] = await Promise.all([runCli(['account', 'add', '--help']), runCli(['--version'])]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--password-file <file>/);
  assert.match(help.stdout, /Examples:\n {2}\$ mailferry account add alice@example\.org --password-file/);
  assert.equal(version.code, 0);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(version.stdout.trim(), pkg.version);
});

test('usage errors exit 2: a group without a subcommand, an unknown option, a bad --log-level', async () => {
  const [group, option, level] = await Promise.all([
    runCli(['domain']),
    runCli(['domain', 'list', '--bogus']),
    runCli(['--log-level', 'loud', 'domain', 'list']),
  ]);
  assert.equal(group.code, 2);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /^error: unknown option '--bogus'/);
  assert.equal(level.code, 2);
  assert.match(level.stderr, /error: option '--log-level <level>' argument 'loud' is invalid/);
});

test('a config error stops the command with one line naming the key and the file (exit 1)', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'mailferry.yaml');
  writeFileSync(file, 'log:\n  level: loud\n');
  writeFileSync(join(dir, 'other.yaml'), 'store:\n  dataDri: /tmp/x\n');
  const [fromDefaultFile, explicit, fromEnv] = await Promise.all([
    runCli(['domain', 'list'], { cwd: dir }),
    runCli(['--config', join(dir, 'other.yaml'), 'domain', 'list'], { cwd: dir }),
    runCli(['domain', 'list'], { cwd: dir, env: { MAILFERRY_CONFIG: join(dir, 'other.yaml') } }),
  ]);
  assert.equal(fromDefaultFile.code, 1);
  assert.equal(
    fromDefaultFile.stderr,
    `config error: log.level: expected one of problems|major|low-level|all, got "loud" (in ${file})\n`,
  );
  assert.equal(explicit.code, 1);
  assert.equal(explicit.stderr, `config error: store.dataDri: unknown key (known here: dataDir) (in ${join(dir, 'other.yaml')})\n`);
  assert.equal(fromEnv.stderr, explicit.stderr);
});

test('the data directory comes from the config file, MAILFERRY_DATA_DIR, then --data-dir', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'mailferry.yaml'), 'store:\n  dataDir: ./from-file\n');
  const list = async (args: string[], env: Record<string, string> = {}): Promise<string[]> => {
    const result = await runCli([...args, 'domain', 'list', '--json'], { cwd: dir, env });
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout).map((d: { name: string }) => d.name);
  };
  const added = await Promise.all([
    runCli(['domain', 'add', 'file.example'], { cwd: dir }),
    runCli(['domain', 'add', 'env.example'], { cwd: dir, env: { MAILFERRY_DATA_DIR: join(dir, 'from-env') } }),
    runCli(['--data-dir', join(dir, 'from-option'), 'domain', 'add', 'option.example'], { cwd: dir }),
  ]);
  for (const result of added) assert.equal(result.code, 0, result.stderr);
  const [fromFile, fromEnv, fromOption] = await Promise.all([
    list([]),
    list([], { MAILFERRY_DATA_DIR: join(dir, 'from-env') }),
    list(['--data-dir', join(dir, 'from-option')], { MAILFERRY_DATA_DIR: join(dir, 'from-env') }),
  ]);
  assert.deepEqual(fromFile, ['file.example']);
  assert.deepEqual(fromEnv, ['env.example']);
  assert.deepEqual(fromOption, ['option.example']);
});

test('without any configuration the data lives in ./data of the working directory', async (t) => {
  const dir = tempDir(t);
  assert.equal((await runCli(['domain', 'add', 'example.org'], { cwd: dir })).code, 0);
  const again = await runCli(['--data-dir', join(dir, 'data'), 'domain', 'list', '--json'], { cwd: '/' });
  assert.deepEqual(JSON.parse(again.stdout).map((d: { name: string }) => d.name), ['example.org']);
});
