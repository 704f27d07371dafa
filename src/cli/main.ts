// Entry point of the `mailferry` command (bin/mailferry.js, npm start, npm run mailferry).
import { createProgram } from './program.ts';
import { reportError } from './errors.ts';

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, (line) => process.stderr.write(line + '\n'));
}
