import type { Metadata } from "next";
import { DraftsPage } from "@/components/drafts/drafts-workspace";

export const metadata: Metadata = { title: "Drafts · Handoff" };

export default function Page() {
  return <DraftsPage />;
}
