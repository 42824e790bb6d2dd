import type { APIRequestContext } from "@playwright/test";

export interface StoredDraft {
  id: string;
  title: string;
  body: string;
  version: number;
}

/**
 * Every draft of the signed-in user, in full, newest first: the list carries titles only, so
 * each body is fetched on its own, as the app does.
 */
export async function storedDrafts(api: APIRequestContext): Promise<StoredDraft[]> {
  const list = (await (await api.get("/api/drafts")).json()) as { drafts: { id: string }[] };
  return Promise.all(
    list.drafts.map(
      async ({ id }) =>
        ((await (await api.get(`/api/drafts/${id}`)).json()) as { draft: StoredDraft }).draft,
    ),
  );
}
