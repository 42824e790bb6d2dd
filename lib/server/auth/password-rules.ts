import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "@/lib/shared/errors";

/**
 * NIST SP 800-63B: at least 8 characters (the shared credentials schema checks that) and none
 * of the passwords attackers try first. The list is zxcvbn-ts's maintained common-password
 * dictionary (about 49,000 entries, lower case); it stays on the server.
 */
const common = new Set(dictionary["passwords-common"] as string[]);

export function assertUncommonPassword(password: string, field = "password") {
  if (common.has(password.normalize("NFKC").toLowerCase())) {
    throw new AppError(
      "validation_failed",
      `${field}: is one of the most common passwords, which attackers try first; choose another`,
    );
  }
}
