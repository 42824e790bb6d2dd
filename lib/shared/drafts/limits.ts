// Plain numbers, so client components can use them without pulling zod into the bundle.
export const MAX_TITLE_CHARS = 200;
export const MAX_BODY_BYTES = 100 * 1024;
