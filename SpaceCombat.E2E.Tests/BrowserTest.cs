using Microsoft.Playwright;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Base class for browser tests: gives each test its own <see cref="BrowserSession"/> against the shared app.
/// Derive with <c>[Collection(BrowserCollection.Name)]</c> and a constructor taking <see cref="BrowserFixture"/>.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private BrowserSession? session;

    protected BrowserFixture Browser { get; } = browser;

    protected BrowserSession Session => session ?? throw new InvalidOperationException("The browser session is not started.");

    protected IPage Page => Session.Page;

    protected Task GotoAndWaitInteractiveAsync(string path) => Session.GotoAndWaitInteractiveAsync(path);

    protected Task<string> ScreenshotAsync(string fileName) => Session.ScreenshotAsync(fileName);

    public virtual async Task InitializeAsync() => session = await Browser.NewSessionAsync();

    public virtual async Task DisposeAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }
}
