import "server-only";
import { AppError } from "@/lib/shared/errors";
import type { Store, UserRecord } from "../types";
import { type Db, isConstraint } from "./database";

/** Accounts, found by email at sign-in. */
export function sqliteAccounts(db: Db) {
  const statements = {
    insert: db.prepare(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES (@id, @email, @passwordHash, @createdAt)",
    ),
    byEmail: db.prepare<
      [string],
      { id: string; email: string; password_hash: string; created_at: string }
    >("SELECT * FROM users WHERE email = ?"),
    setPassword: db.prepare("UPDATE users SET password_hash = ? WHERE email = ?"),
    deleteById: db.prepare("DELETE FROM users WHERE id = ?"),
  };

  const port: Pick<Store, "createUser" | "findUserByEmail" | "setPasswordHash"> = {
    async createUser(user: UserRecord) {
      try {
        statements.insert.run(user);
      } catch (error) {
        if (isConstraint(error))
          throw new AppError("conflict", "An account with this email already exists");
        throw error;
      }
    },
    async findUserByEmail(email) {
      const row = statements.byEmail.get(email);
      return row
        ? {
            id: row.id,
            email: row.email,
            passwordHash: row.password_hash,
            createdAt: row.created_at,
          }
        : null;
    },
    async setPasswordHash(email, passwordHash) {
      return statements.setPassword.run(passwordHash, email).changes > 0;
    },
  };
  return { port, deleteById: (userId: string) => statements.deleteById.run(userId) };
}
