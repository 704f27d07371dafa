// Subscriptions to names that have no folder (RFC 3501 §6.3.6: the server MUST NOT remove a name from the
// subscription list because its mailbox went away; a client may also subscribe a name before it exists). A
// folder's own subscription stays its `subscribed` column; this table holds only the names without a folder, and
// a folder created under such a name takes the subscription over.
import type { Db } from './db-types.ts';

export async function keepSubscription(db: Db, accountId: number, name: string): Promise<void> {
  await db.insertInto('subscriptions').values({ account_id: accountId, name })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing()).execute();
}

/** Removes the name's subscription; true when there was one. */
export async function takeSubscription(db: Db, accountId: number, name: string): Promise<boolean> {
  const result = await db.deleteFrom('subscriptions').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function danglingSubscriptions(db: Db, accountId: number): Promise<string[]> {
  const rows = await db.selectFrom('subscriptions').select('name').where('account_id', '=', accountId).orderBy('name').execute();
  return rows.map((r) => r.name);
}
