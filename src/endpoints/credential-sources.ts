// Where the secret of one side of a transfer comes from, in order: an OAuth token command, a password file,
// the environment (MAILFERRY_SRC_PASSWORD / MAILFERRY_DST_PASSWORD), a prompt on the terminal. Never argv,
// where every user of the machine could read it in the process list (DESIGN invariant 5).
import { CredentialError, passwordProvider, tokenCommandProvider, type CredentialProvider } from './credentials.ts';

export interface CredentialSources {
  tokenCommand?: string;
  passwordFile?: string;
  /** environment variable name */
  environment: string;
  /** reads a file's single line (the CLI's password-file reader) */
  readFile(path: string): Promise<string>;
  /** asks on the terminal; undefined when there is none */
  prompt?: (label: string) => Promise<string>;
  /** what the secret is for, in prompts and errors: "imap://alice@host:993" */
  label: string;
  /** the option that names the file, for the error message: "--src-password-file" */
  fileOption: string;
}

export function credentialProvider(sources: CredentialSources): CredentialProvider {
  if (sources.tokenCommand) return tokenCommandProvider(sources.tokenCommand);
  return passwordProvider(async () => {
    if (sources.passwordFile !== undefined) return sources.readFile(sources.passwordFile);
    const fromEnvironment = process.env[sources.environment];
    if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
    if (sources.prompt) return sources.prompt(sources.label);
    throw new CredentialError(`no password: give ${sources.fileOption} FILE or set ${sources.environment}`);
  });
}
