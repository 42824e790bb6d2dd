import { createSerwistRoute } from "@serwist/turbopack";

// The service worker, bundled at build time with the list of built files it precaches.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute(
  {
    swSrc: "lib/worker/service-worker.ts",
    useNativeEsbuild: true,
    // A classic script: Firefox ESR does not run module service workers everywhere yet.
    esbuildOptions: { format: "iife" },
  },
);
