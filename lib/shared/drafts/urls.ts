export const DRAFTS_URL = "/api/drafts";
export const draftUrl = (id: string) => `${DRAFTS_URL}/${id}`;
