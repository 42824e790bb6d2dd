import type { Metadata } from "next";
import { WatchPage } from "@/components/watch/watch-page";

export const metadata: Metadata = { title: "Watch · Handoff" };

export default function Page() {
  return <WatchPage />;
}
