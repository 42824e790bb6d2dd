/** Sent with pages and files. The page CSP (with its nonce) is proxy.ts's. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore it over plain http (local runs), and honour it once served over https.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Where the build goes and is served from; the default unless a test serves a second
  // deployment beside the first (e2e/support/second-deployment.ts).
  distDir: process.env.HANDOFF_DIST_DIR || ".next",
  // Native and Node-only clients stay as plain `require`s in the server bundle.
  serverExternalPackages: ["better-sqlite3", "@azure/cosmos"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/((?!api/).*)", headers: securityHeaders },
      {
        // JSON answers are never rendered or framed, so they need only nosniff; the idle poll,
        // sent by every open tab every second, stays a few hundred bytes smaller for it.
        source: "/api/:path*",
        headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
      },
    ];
  },
};

module.exports = nextConfig;
