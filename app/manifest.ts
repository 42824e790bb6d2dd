import type { MetadataRoute } from "next";

/** Lets a phone add Handoff to its home screen; served as /manifest.webmanifest. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Handoff",
    short_name: "Handoff",
    description: "Start on one device, finish on another.",
    start_url: "/drafts",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#2f5bd3",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}
