import { expect, type Page } from "@playwright/test";

export const titleField = (page: Page) => page.getByLabel("Title", { exact: true });
export const bodyField = (page: Page) => page.getByLabel("Body", { exact: true });
export const saveStatus = (page: Page) => page.getByRole("status");
export const draftInList = (page: Page, title: string) =>
  page.getByRole("list", { name: "Drafts" }).getByRole("button", { name: new RegExp(`^${title}`) });

export async function newDraft(page: Page, fields: { title?: string; body?: string } = {}) {
  const create = page.getByRole("button", { name: "New draft" });
  await create.click();
  // The button says "Creating…" until the new draft is made and shown. Typing before that
  // would go to the draft that was open (the title field is already there).
  await expect(create).toBeEnabled();
  await expect(titleField(page)).toHaveValue("");
  if (fields.title !== undefined) await titleField(page).fill(fields.title);
  if (fields.body !== undefined) await bodyField(page).fill(fields.body);
  await expect(saveStatus(page)).toHaveText("Saved");
}
