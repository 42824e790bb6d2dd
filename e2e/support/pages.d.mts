export const PAGES: string[];
