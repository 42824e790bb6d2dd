import "server-only";
import { AppError } from "@/lib/shared/errors";
import type { Store, UserRecord } from "../types";
import { ACCOUNT_ID, type Cosmos, emailPartition, statusOf } from "./container";

interface AccountItem {
  id: typeof ACCOUNT_ID;
  userId: string;
  kind: "account";
  uid: string;
  email: string;
  passwordHash: string;
  createdAt: string;
}

/** Accounts, each in its email's partition (see emailPartition). */
export function cosmosAccounts({ run, read, rewrite }: Cosmos) {
  const port: Pick<Store, "createUser" | "findUserByEmail" | "setPasswordHash"> = {
    createUser: (user: UserRecord) =>
      run(async (c) => {
        const item: AccountItem = {
          id: ACCOUNT_ID,
          userId: emailPartition(user.email),
          kind: "account",
          uid: user.id,
          email: user.email,
          passwordHash: user.passwordHash,
          createdAt: user.createdAt,
        };
        try {
          await c.items.create(item);
        } catch (error) {
          if (statusOf(error) === 409)
            throw new AppError("conflict", "An account with this email already exists");
          throw error;
        }
      }),
    findUserByEmail: (email) =>
      run(async (c) => {
        const item = await read<AccountItem>(c, ACCOUNT_ID, emailPartition(email));
        return item
          ? {
              id: item.uid,
              email: item.email,
              passwordHash: item.passwordHash,
              createdAt: item.createdAt,
            }
          : null;
      }),
    setPasswordHash: (email, passwordHash) =>
      run(async (c) => {
        const partition = emailPartition(email);
        if (!(await read<AccountItem>(c, ACCOUNT_ID, partition))) return false;
        await rewrite<AccountItem>(c, ACCOUNT_ID, partition, (current) => ({
          ...(current as AccountItem),
          passwordHash,
        }));
        return true;
      }),
  };

  /** Removes the account of `email` if it is this user's. */
  const remove: (userId: string, email: string) => Promise<void> = (userId, email) =>
    run(async (c) => {
      const partition = emailPartition(email);
      const account = await read<AccountItem>(c, ACCOUNT_ID, partition);
      if (account?.uid === userId) await c.item(ACCOUNT_ID, partition).delete();
    });
  return { port, remove };
}
