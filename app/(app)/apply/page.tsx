import type { Metadata } from "next";
import { ApplyPage } from "@/components/apply/apply-page";

export const metadata: Metadata = { title: "Apply · Handoff" };

export default function Page() {
  return <ApplyPage />;
}
