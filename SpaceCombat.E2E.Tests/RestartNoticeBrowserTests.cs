using SpaceCombat.LoadTest.Server;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// SIGTERM to the real server process with five battle pages open: every page shows "The server is restarting…"
/// while its connection is still up (recorded in the page when Blazor reports the connection lost).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartNoticeBrowserTests(BrowserFixture browser)
{
    private const int Pages = 5;

    // Runs in each page: when Blazor first reports its connection lost, records whether the notice was already shown.
    private const string RecordConnectionLoss =
        """
        () => {
            window.__connectionLost = null;
            document.getElementById('components-reconnect-modal').addEventListener('components-reconnect-state-changed', event => {
                if (window.__connectionLost === null) {
                    window.__connectionLost = { state: event.detail.state, noticeShown: !!document.querySelector('[data-testid=restart-notice]') };
                }
            });
        }
        """;

    [Fact]
    public async Task On_SIGTERM_every_open_battle_page_shows_the_restart_notice_before_its_connection_closes()
    {
        var log = new StringWriter();
        await using var server = await ServerProcess.StartAsync(null, [.. NoWarmUp.Environment, "SpaceCombat__RestartNoticeTimeout=00:00:05"], log);
        var sessions = new List<BrowserSession>();
        try
        {
            for (var i = 0; i < Pages; i++)
            {
                var session = await browser.NewSessionAsync(server.BaseUri);
                sessions.Add(session);
                await new BattlePage(session.Page).StartAsync("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Long");
                await session.Page.EvaluateAsync(RecordConnectionLoss);
            }

            server.SignalTerminate();

            var shown = 0;
            for (var i = 0; i < Pages; i++)
            {
                var notice = sessions[i].Page.GetByTestId("restart-notice");
                await Expect(notice).ToBeVisibleAsync();
                await Expect(notice).ToContainTextAsync("The server is restarting");
                await sessions[i].ScreenshotAsync($"restart-notice-{i + 1}.png");
                shown++;
            }
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));

            for (var i = 0; i < Pages; i++)
            {
                // The connection is gone now; if Blazor reported losing it, the notice was on the page by then.
                await sessions[i].Page.WaitForFunctionAsync("() => window.__connectionLost !== null");
                var noticeFirst = await sessions[i].Page.EvaluateAsync<bool>("() => window.__connectionLost.noticeShown");
                Assert.True(noticeFirst, $"Page {i + 1} lost its connection before it showed the notice.\n{log}");
            }
            Assert.Equal(Pages, shown);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }
}
