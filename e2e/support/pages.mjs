// Every page of the app, for the checks that visit them all (axe in e2e/a11y.spec.ts,
// Lighthouse in npm run bench). A new page goes here, and, if it is a page of the app proper,
// in APP_PAGES (lib/shared/offline.ts) too, so it opens offline.
export const PAGES = [
  "/",
  "/signin",
  "/drafts",
  "/trash",
  "/shop",
  "/cart",
  "/orders",
  "/apply",
  "/watch",
  "/about",
  "/account",
];
