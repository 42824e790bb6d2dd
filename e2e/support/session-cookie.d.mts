export function signedInCookie(
  base: string,
): Promise<{ cookie: string; email: string; password: string }>;
