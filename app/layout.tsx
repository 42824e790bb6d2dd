import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Handoff",
  description: "Start on one device, finish on another.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page renders per request: the CSP nonce (proxy.ts) is new each time, and a page built
// ahead of time would carry none, so its scripts would be refused.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
