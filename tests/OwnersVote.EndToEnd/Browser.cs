using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(OwnersVote.EndToEnd.Browser))]

namespace OwnersVote.EndToEnd;

/// <summary>
/// One headless Debian Chromium for the whole run (Playwright's own browser download is not used),
/// with a fresh context per test.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}; run scripts/install-test-deps.sh.");
        }

        // As long as the contexts' action timeout: on a shared two-core CI machine a passkey
        // ceremony and its append can take longer than Playwright's 5 s default for expectations.
        // A wait, not a speed assertion: a page that never shows the element still fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A new page in a fresh context (no cookies), sized like a phone.</summary>
    public async Task<IPage> NewPageAsync(int width = 390, int height = 844, bool javaScript = true)
    {
        IBrowserContext context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = false,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
