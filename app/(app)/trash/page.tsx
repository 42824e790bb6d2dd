import type { Metadata } from "next";
import { TrashPage } from "@/components/drafts/trash-page";

export const metadata: Metadata = { title: "Trash · Handoff" };

export default function Page() {
  return <TrashPage />;
}
