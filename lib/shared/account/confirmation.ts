// A plain constant, so the client component can use it without pulling zod into the bundle.
/** Deleting an account cannot be undone, so the request must say so in words. */
export const DELETE_CONFIRMATION = "delete my account";
