// The two endpoints of a transfer from their URLs, with credentials asked for only for a remote side.
import type { CredentialProvider } from '../endpoints/credentials.ts';
import type { Endpoint } from '../endpoints/endpoint.ts';
import { openEndpoint } from '../endpoints/open-endpoint.ts';
import { parseEndpointUrl, type EndpointSpec } from '../endpoints/parse-url.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';

export type PairSide = 'src' | 'dst';

export interface OpenPairOptions {
  store: Store;
  /** the secret of a remote side; called only for imap/pop3 URLs */
  credentials(side: PairSide, spec: EndpointSpec): CredentialProvider;
  insecure?: boolean;
  allowPlaintext?: boolean;
  logger: Logger;
}

export function openPair(sourceUrl: string, destUrl: string, options: OpenPairOptions): { source: Endpoint; dest: Endpoint } {
  const side = (which: PairSide, url: string): Endpoint => {
    const spec = parseEndpointUrl(url);
    return openEndpoint(spec, {
      store: options.store,
      remote: (remote) => ({
        credentials: options.credentials(which, remote), insecure: options.insecure, allowPlaintext: options.allowPlaintext,
        logger: options.logger.child({ endpoint: remote.url }) as Logger,
      }),
    });
  };
  return { source: side('src', sourceUrl), dest: side('dst', destUrl) };
}
