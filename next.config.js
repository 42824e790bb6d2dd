/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only clients stay as plain `require`s in the server bundle.
  serverExternalPackages: ["better-sqlite3", "@azure/cosmos"],
  poweredByHeader: false,
};

module.exports = nextConfig;
