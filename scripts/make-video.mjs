// Regenerates public/media/countdown.webm, the clip /watch plays: a canvas animation recorded
// by Chromium's MediaRecorder (VP8). MediaRecorder writes no duration and no seek index, so
// the file is then remuxed by ffmpeg (`apt-get install ffmpeg`; no re-encoding) when present.
// Takes as long as the clip.
//   node scripts/make-video.mjs [seconds]
import { execFileSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium.mjs";

const seconds = Number(process.argv[2] ?? 40);
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
const base64 = await page.evaluate(async (duration) => {
  const canvas = document.createElement("canvas");
  canvas.width = 480;
  canvas.height = 270;
  document.body.append(canvas);
  const g = canvas.getContext("2d");
  const stream = canvas.captureStream(24);
  const recorder = new MediaRecorder(stream, {
    mimeType: "video/webm;codecs=vp8",
    videoBitsPerSecond: 160_000,
  });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const started = performance.now();
  const draw = () => {
    const t = (performance.now() - started) / 1000;
    const hue = (t * 9) % 360;
    g.fillStyle = `hsl(${hue} 55% 22%)`;
    g.fillRect(0, 0, 480, 270);
    g.fillStyle = `hsl(${(hue + 180) % 360} 80% 65%)`;
    g.beginPath();
    g.arc(240 + Math.cos(t * 1.3) * 170, 135 + Math.sin(t * 2.1) * 80, 22, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = "#fff";
    g.font = "bold 64px sans-serif";
    g.textAlign = "center";
    const whole = Math.floor(t);
    g.fillText(`${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`, 240, 150);
    g.font = "18px sans-serif";
    g.fillText("Handoff: start here, finish there", 240, 240);
    if (t < duration) requestAnimationFrame(draw);
  };
  draw();
  recorder.start(1000);
  await new Promise((resolve) => setTimeout(resolve, duration * 1000));
  recorder.stop();
  await new Promise((resolve) => {
    recorder.onstop = resolve;
  });
  const buffer = await new Blob(chunks, { type: "video/webm" }).arrayBuffer();
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}, seconds);
await browser.close();
const target = "public/media/countdown.webm";
writeFileSync(target, Buffer.from(base64, "base64"));
try {
  execFileSync("ffmpeg", ["-v", "error", "-i", target, "-c", "copy", "-y", "/tmp/countdown.webm"]);
  copyFileSync("/tmp/countdown.webm", target);
} catch {
  console.warn("ffmpeg not found: the clip has no duration or seek index; seeking may be slow");
}
console.log(
  `wrote public/media/countdown.webm (${Math.round((base64.length * 3) / 4 / 1024)} KB, ${seconds} s)`,
);
