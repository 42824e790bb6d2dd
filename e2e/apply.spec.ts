import type { Page } from "@playwright/test";
import { saveStatus } from "./support/drafts-page";
import { expect, test } from "./support/fixtures";

const stepHeading = (page: Page) => page.getByRole("heading", { level: 2 });

test("the application opens on another device at the same step with the same values, and submits once", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/apply" });

  await a.page.getByRole("button", { name: "Next" }).click();
  await expect(a.page.getByText("Enter your full name")).toBeVisible();
  await a.page.getByLabel("Full name").fill("Ada Lovelace");
  await a.page.getByLabel("Contact email").fill("ada@example.com");
  await a.page.getByRole("button", { name: "Next" }).click();
  await expect(stepHeading(a.page)).toHaveText("Step 2 of 4: Membership");
  await a.page.getByLabel("Plus: all your devices").check();
  await expect(saveStatus(a.page)).toHaveText("Saved");

  // B has had the page open all along: it moves to the same step, with the same choice.
  await expect(stepHeading(b.page)).toHaveText("Step 2 of 4: Membership");
  await expect(b.page.getByLabel("Plus: all your devices")).toBeChecked();
  await b.page.getByLabel("Start date").fill("2027-03-01");
  await b.page.getByRole("button", { name: "Next" }).click();
  await b.page
    .getByLabel("Why do you want to join?")
    .fill("I start on my phone and finish on my laptop.");

  // A third device opening the page now lands where B is.
  await a.page.reload();
  await expect(stepHeading(a.page)).toHaveText("Step 3 of 4: Why Handoff");
  await expect(a.page.getByLabel("Why do you want to join?")).toHaveValue(
    "I start on my phone and finish on my laptop.",
    {},
  );
  await a.page.getByLabel("I accept the terms of membership").check();
  await a.page.getByRole("button", { name: "Next" }).click();
  await expect(stepHeading(a.page)).toHaveText("Step 4 of 4: Review");
  await expect(a.page.getByText("2027-03-01")).toBeVisible();
  await expect(stepHeading(b.page)).toHaveText("Step 4 of 4: Review");

  await Promise.all([
    a.page.getByRole("button", { name: "Submit application" }).click(),
    b.page.getByRole("button", { name: "Submit application" }).click(),
  ]);
  await expect(a.page.getByRole("heading", { name: "Application received" })).toBeVisible();
  await expect(b.page.getByRole("heading", { name: "Application received" })).toBeVisible();

  // Submitted once; the form starts over on every device.
  const { submissions } = await (
    await a.context.request.get("/api/application/submissions")
  ).json();
  expect(submissions).toHaveLength(1);
  expect(submissions[0].application).toMatchObject({
    fullName: "Ada Lovelace",
    plan: "plus",
    agree: true,
  });
  const form = await a.context.request.get("/api/application");
  expect((await form.json()).application.data).toMatchObject({ step: 1, fullName: "" });
  await b.page.getByRole("button", { name: "Start a new application" }).click();
  await expect(b.page.getByLabel("Full name")).toHaveValue("");
});

test("submitting an incomplete application is refused and nothing is recorded", async ({
  openDevices,
}) => {
  const [a] = await openDevices(1, { path: "/apply" });
  const api = a.context.request;
  const put = await api.put("/api/application", {
    data: {
      step: 4,
      fullName: "A",
      email: "",
      plan: "",
      startDate: "",
      motivation: "",
      agree: false,
    },
    headers: { "If-Match": '"v0"' },
  });
  expect(put.status()).toBe(200);
  const submit = await api.post("/api/application/submit", { headers: { "If-Match": '"v1"' } });
  expect(submit.status()).toBe(400);
  expect((await submit.json()).error.message).toContain("Enter your full name");
  expect((await (await api.get("/api/application")).json()).application).toMatchObject({
    version: 1,
  });
});
