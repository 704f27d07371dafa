// Where a new password comes from: a file (--password-file), an interactive prompt with echo off and a
// confirmation, or — when standard input is not a terminal — one line read from it. Never from argv, where
// every user of the machine could read it in the process list.
import { readFile } from 'node:fs/promises';
import { CliError } from './errors.ts';

/** The file's content without its final line break; a file of several lines is refused. */
export async function passwordFromFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read password file ${file}: ${code === 'ENOENT' ? 'file not found' : code ?? String(error)}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(password)) throw new CliError(`password file ${file} holds more than one line`);
  if (password.length === 0) throw new CliError(`password file ${file} is empty`);
  return password;
}

/** One line from a pipe: everything up to the first line break (or the end of input). */
async function lineFromPipe(input: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  input.destroy();
  const line = text.split('\n')[0].replace(/\r$/, '');
  if (line.length === 0) throw new CliError('no password on standard input (give --password-file FILE instead)');
  return line;
}

/** Reads one line on the terminal with echo off (raw mode): Enter ends, Backspace erases, Ctrl-C/Ctrl-D abort. */
function hiddenLine(input: NodeJS.ReadStream, output: NodeJS.WriteStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    output.write(prompt);
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || (char === '\u0004' && line.length === 0)) return finish(new CliError('password entry aborted'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else if (char >= ' ') line += char;
      }
    };
    input.on('data', onData);
  });
}

export interface PasswordSource {
  /** --password-file */
  file?: string;
}

/** The new password from the file, the terminal (asked twice) or the piped standard input. */
export async function readNewPassword(source: PasswordSource, label: string): Promise<string> {
  if (source.file !== undefined) return passwordFromFile(source.file);
  const input = process.stdin;
  if (!input.isTTY) return lineFromPipe(input);
  const password = await hiddenLine(input, process.stderr, `New password for ${label}: `);
  if (password.length === 0) throw new CliError('the password is empty');
  const again = await hiddenLine(input, process.stderr, 'Repeat the password: ');
  if (again !== password) throw new CliError('the two passwords differ; nothing was changed');
  return password;
}
