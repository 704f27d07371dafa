// Delivery rules over SQL (see ../rules-store.ts): one row per account, replaced whole.
import type { DeliveryRules, DeliveryRulesStore } from '../rules-store.ts';
import { writeTransaction, type StoreContext } from './context.ts';

export class SqlDeliveryRules implements DeliveryRulesStore {
  constructor(private readonly ctx: StoreContext) {}

  async get(accountId: number): Promise<DeliveryRules | undefined> {
    const row = await this.ctx.db.selectFrom('delivery_rules').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    return row && { accountId: row.account_id, script: row.script, updatedAt: new Date(Number(row.updated_at)) };
  }

  async set(accountId: number, script: string): Promise<void> {
    const values = { script, updated_at: Date.now() };
    await writeTransaction(this.ctx, `saving the delivery rules of account #${accountId}`, (tx) =>
      tx.insertInto('delivery_rules').values({ account_id: accountId, ...values }).onConflict((oc) => oc.column('account_id').doUpdateSet(values)).execute());
  }

  async remove(accountId: number): Promise<boolean> {
    return writeTransaction(this.ctx, `removing the delivery rules of account #${accountId}`, async (tx) => {
      const result = await tx.deleteFrom('delivery_rules').where('account_id', '=', accountId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
