/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several dev servers (one per person or test run) can share a checkout, each with its own build folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // better-sqlite3 is a native module: keep it (and Prisma's adapter) out of the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
