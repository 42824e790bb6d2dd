import "server-only";
import { getStore, type StoredDoc } from "@/lib/server/store";

/** Everything the store holds for the account, as one JSON document ("Download my data"). */
export async function exportAccount(user: { id: string; email: string | null }) {
  const documents = await getStore().exportDocs(user.id);
  return {
    exportedAt: new Date().toISOString(),
    account: { id: user.id, email: user.email },
    documents: documents.map(({ userId: _owner, ...doc }: StoredDoc) => doc),
  };
}

/**
 * Removes every document and the account itself; every session of the user ends, so the
 * email can sign up again as a new account and old cookies open nothing.
 */
export async function deleteAccount(user: { id: string; email: string | null }) {
  await getStore().deleteUser(user.id, user.email);
}
