// Debian's Firefox ESR, driven by Playwright over WebDriver BiDi (`channel: "moz-firefox"`;
// Playwright's own patched Firefox cannot be downloaded here). Every request that is not for
// 127.0.0.1 goes to a closed local port, so the browser talks to the test server only.
export const firefoxLaunchOptions = {
  executablePath: process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr",
  firefoxUserPrefs: {
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.no_proxies_on": "127.0.0.1,localhost",
    "network.proxy.allow_hijacking_localhost": false,
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
  },
};
