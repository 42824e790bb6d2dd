// Every page of the app, for the checks that visit them all (axe in e2e/a11y.spec.ts,
// Lighthouse in npm run bench). A new page goes here.
export const PAGES = [
  "/",
  "/signin",
  "/drafts",
  "/shop",
  "/cart",
  "/orders",
  "/apply",
  "/watch",
  "/about",
  "/account",
];
