import type { Metadata } from "next";
import { DataMap } from "@/components/about/data-map";

export const metadata: Metadata = { title: "Your data · Handoff" };

export default function Page() {
  return <DataMap />;
}
