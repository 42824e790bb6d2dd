import { expect, newAccount, test } from "./support/fixtures";

test("a new visitor creates an account, lands on drafts, signs out and back in", async ({
  page,
}) => {
  const account = newAccount();
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in or create an account" }).click();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/drafts$/);
  await expect(page.getByText(account.email)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?ended=signed_out$/);
  // Signed out, /drafts is the guest's: this browser's, empty, and nothing of the account.
  await page.goto("/drafts");
  await expect(page.getByText("Guest", { exact: true })).toBeVisible();
  await expect(page.getByText("No drafts yet")).toBeVisible();
  await page.goto("/signin");

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/drafts$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/drafts$/);
});

test("a wrong password and a taken email say so and sign nobody in", async ({ page, account }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin$/);

  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "An account with this email already exists",
  );
  await expect(page).toHaveURL(/\/signin$/);
});
