using Microsoft.Playwright;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Shared by every test in the "browser" collection: one running app and one headless Chromium.
/// Each test gets its own browser context (cookies, storage, circuit) through <see cref="NewSessionAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPathVariable = "SPACECOMBAT_CHROMIUM";
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    // The Blazor circuit can take a few seconds to connect on a busy 2-core machine.
    private const float DefaultTimeoutMs = 20_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// The shared app. Gameplay tests click as fast as the page allows, so its rate limit is relaxed here; the
    /// rate limit itself is tested on an app of its own with the default settings.
    /// </summary>
    public SpaceCombatAppFactory App { get; } = new(new Dictionary<string, string?> { ["SpaceCombat:RateLimitMaxActions"] = "100" });

    public Uri BaseUrl => App.BaseUrl;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser fixture is not initialized.");

    /// <summary>PNG screenshots land here: TestResults/screenshots at the repository root (not committed).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>The folder holding SpaceCombat.sln (the test output's folder when run elsewhere).</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpaceCombat.sln")))
            {
                return folder.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }

    public async Task InitializeAsync()
    {
        App.StartServer();

        var chromiumPath = Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } fromEnv
            ? fromEnv
            : DefaultChromiumPath;
        if (!File.Exists(chromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {chromiumPath}. Install it (apt-get install chromium) or set {ChromiumPathVariable}.");
        }

        Assertions.SetDefaultExpectTimeout(DefaultTimeoutMs);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh browser context and page pointed at <paramref name="baseUrl"/> (default: the shared app), with a
    /// 1280×800 window unless <paramref name="viewport"/> says otherwise (a phone: 390×844).
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(Uri? baseUrl = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseUrl ?? BaseUrl).ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Dark,
        });
        context.SetDefaultTimeout(DefaultTimeoutMs);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>
    /// Starts a separate app instance with configuration overrides, for tests that need settings the shared
    /// app does not have. The caller disposes it; pass its <see cref="SpaceCombatAppFactory.BaseUrl"/> to
    /// <see cref="NewSessionAsync"/>.
    /// </summary>
    public static SpaceCombatAppFactory StartApp(IReadOnlyDictionary<string, string?> settings)
    {
        var app = new SpaceCombatAppFactory(settings);
        app.StartServer();
        return app;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
