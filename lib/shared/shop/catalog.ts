/** The shop's small catalog, shipped with the app. Prices are integer cents. */
export interface Product {
  id: string;
  name: string;
  priceCents: number;
  blurb: string;
  /** Background colour of its picture in public/products/<id>.svg. */
  colour: string;
}

export const CATALOG: readonly Product[] = [
  {
    id: "mug",
    name: "Enamel mug",
    priceCents: 1400,
    blurb: "Holds coffee on any device.",
    colour: "#d9822b",
  },
  {
    id: "notebook",
    name: "Dot-grid notebook",
    priceCents: 1200,
    blurb: "For drafts that stay offline.",
    colour: "#2b6cb0",
  },
  {
    id: "pen",
    name: "Fine-liner pen",
    priceCents: 350,
    blurb: "0.4 mm, quick-drying ink.",
    colour: "#2f855a",
  },
  {
    id: "tote",
    name: "Canvas tote",
    priceCents: 1800,
    blurb: "Carries a laptop and a phone.",
    colour: "#805ad5",
  },
  {
    id: "stickers",
    name: "Sticker sheet",
    priceCents: 500,
    blurb: "Twelve die-cut stickers.",
    colour: "#d53f8c",
  },
  {
    id: "cable",
    name: "USB-C cable",
    priceCents: 1100,
    blurb: "Braided, one metre.",
    colour: "#4a5568",
  },
  {
    id: "stand",
    name: "Phone stand",
    priceCents: 2200,
    blurb: "Aluminium, folds flat.",
    colour: "#319795",
  },
  {
    id: "sleeve",
    name: "Laptop sleeve",
    priceCents: 3400,
    blurb: "Felt, fits 13 to 14 inches.",
    colour: "#975a16",
  },
  {
    id: "cap",
    name: "Cotton cap",
    priceCents: 1900,
    blurb: "One size, adjustable.",
    colour: "#c53030",
  },
  {
    id: "socks",
    name: "Merino socks",
    priceCents: 1600,
    blurb: "Warm feet, long sessions.",
    colour: "#2c5282",
  },
  {
    id: "poster",
    name: "Sync poster",
    priceCents: 2500,
    blurb: "A1 print of the sync diagram.",
    colour: "#b7791f",
  },
  {
    id: "bottle",
    name: "Steel bottle",
    priceCents: 2700,
    blurb: "750 ml, keeps cold for a day.",
    colour: "#285e61",
  },
];

export const PRODUCT_IDS = CATALOG.map((p) => p.id) as [string, ...string[]];

const byId = new Map(CATALOG.map((p) => [p.id, p]));
export const findProduct = (id: string) => byId.get(id);

export const formatPrice = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
