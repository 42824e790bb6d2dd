import "server-only";

/**
 * A device in a person's words, from its User-Agent: "Firefox on Linux", "a phone (Chrome)".
 * Only for messages such as "Undo: deleted “Plans” (on Firefox on Linux)"; never trusted.
 */
export function deviceName(userAgent: string | null): string {
  const ua = (userAgent ?? "").slice(0, 512);
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : null;
  if (/iPhone|Android.*Mobile|Mobile.*Firefox/.test(ua)) return `a phone (${browser ?? "browser"})`;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPad|iPhone/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  if (!browser) return os ? `a device on ${os}` : "another device";
  return os ? `${browser} on ${os}` : browser;
}
