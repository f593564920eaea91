using Microsoft.Playwright;

namespace SpaceCombat.E2E.Tests;

/// <summary>One browser context with one page; records console errors so tests can assert a clean run.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> consoleErrors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (consoleErrors)
            {
                consoleErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (consoleErrors)
            {
                return [.. consoleErrors];
            }
        }
    }

    /// <summary>
    /// Navigates to <paramref name="path"/> (relative to the app's base URL) and waits until the Blazor circuit is
    /// live, signalled by the layout's <c>data-interactive="true"</c>. Clicks before that would be lost.
    /// </summary>
    public async Task GotoAndWaitInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
    }

    /// <summary>Saves a full-page PNG as TestResults/screenshots/<paramref name="fileName"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string fileName)
    {
        if (!fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            fileName += ".png";
        }
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, fileName);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
