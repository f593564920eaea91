using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpaceCombat.CircuitClient;
using SpaceCombat.Web.Operations;
using static Microsoft.Playwright.Assertions;

namespace SpaceCombat.E2E.Tests;

/// <summary>
/// Arrival admission in the real app, with its one permit taken by the test (and a hold limit long enough not to take
/// it back meanwhile): a new circuit's first render waits, its page showing "Joining…" with its buttons not ready, and
/// goes ahead as soon as the permit is given back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArrivalAdmissionTests(BrowserFixture browser)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static SpaceCombatAppFactory StartApp() => BrowserFixture.StartApp(new Dictionary<string, string?>
    {
        ["SpaceCombat:ArrivalPermits"] = "1",
        ["SpaceCombat:ArrivalHoldLimit"] = "00:01:00",
    });

    [Fact]
    public async Task A_client_that_never_acknowledges_its_first_render_does_not_keep_the_permit_from_the_next_arrival()
    {
        await using var app = StartApp();
        await using var client = new HostileClient(app.BaseUrl);
        var connection = SpaceCombat.CircuitClient.PlayerConnection.Shared(client.Http);
        var silent = new BlazorCircuit(connection, app.BaseUrl, []);
        var next = new BlazorCircuit(connection, app.BaseUrl, []);
        try
        {
            silent.HoldAcknowledgementsFrom(_ => true);
            await silent.StartAsync("/rules", CancellationToken.None).WaitAsync(Patience);

            // The hold limit (a minute) is longer than the patience: only a permit given back at the render itself lets this in.
            await next.StartAsync("/rules", CancellationToken.None).WaitAsync(Patience);
            Assert.NotNull(await next.WaitForAsync(t => t.IsInteractive(), Patience, CancellationToken.None));
        }
        finally
        {
            await next.DisposeAsync();
            await silent.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_circuit_first_render_waits_while_the_permits_are_taken_and_goes_ahead_when_one_is_given_back()
    {
        await using var app = StartApp();
        var admission = app.Services.GetRequiredService<ArrivalAdmission>();
        var metrics = app.Services.GetRequiredService<SpaceCombatMetrics>();
        await using var client = new HostileClient(app.BaseUrl);
        var blocker = await admission.AdmitAsync(CancellationToken.None);
        BlazorCircuit? circuit = null;
        Task? start = null;
        try
        {
            circuit = new BlazorCircuit(SpaceCombat.CircuitClient.PlayerConnection.Shared(client.Http), app.BaseUrl, []);
            start = circuit.StartAsync("/rules", CancellationToken.None);

            await WaitUntilAsync(() => metrics.ArrivalsWaiting == 1, "the circuit to queue for admission");
            Assert.Null(await circuit.WaitForAsync(t => t.IsInteractive(), TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.False(start.IsCompleted);

            blocker.Dispose();

            Assert.NotNull(await circuit.WaitForAsync(t => t.IsInteractive(), Patience, CancellationToken.None));
            await start.WaitAsync(Patience);
            Assert.Equal(0, metrics.ArrivalsWaiting);
        }
        finally
        {
            blocker.Dispose();
            if (circuit is not null)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_waiting_page_shows_joining_with_its_buttons_not_ready_then_becomes_interactive_when_admitted()
    {
        await using var app = StartApp();
        var admission = app.Services.GetRequiredService<ArrivalAdmission>();
        var metrics = app.Services.GetRequiredService<SpaceCombatMetrics>();
        var blocker = await admission.AdmitAsync(CancellationToken.None);
        await using var session = await browser.NewSessionAsync(app.BaseUrl);
        try
        {
            await session.Page.GotoAsync("/new?opponent=ai");

            var joining = session.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Joining…" });
            await Expect(joining).ToBeVisibleAsync();
            await WaitUntilAsync(() => metrics.ArrivalsWaiting == 1, "the page's circuit to queue for admission");
            await Expect(session.Page.Locator("[data-interactive='false']")).ToBeAttachedAsync();
            var start = session.Page.GetByRole(AriaRole.Button, new() { Name = "Start Battle" });
            Assert.Equal("none", await start.EvaluateAsync<string>("button => getComputedStyle(button).pointerEvents"));
            await session.ScreenshotAsync("arrival-joining.png");

            blocker.Dispose();

            await Expect(session.Page.Locator("[data-interactive='true']")).ToBeAttachedAsync();
            await Expect(session.Page.GetByTestId("joining")).ToHaveCountAsync(0);
            Assert.Equal("auto", await start.EvaluateAsync<string>("button => getComputedStyle(button).pointerEvents"));
            Assert.Empty(session.ConsoleErrors);
        }
        finally
        {
            blocker.Dispose();
        }
    }

    [Fact]
    public async Task The_load_tool_names_an_arrival_that_lands_on_the_busy_page()
    {
        await using var app = BrowserFixture.StartApp(new Dictionary<string, string?>
        {
            ["SpaceCombat:ArrivalPermits"] = "1",
            ["SpaceCombat:ArrivalQueueLimit"] = "0",
            ["SpaceCombat:ArrivalHoldLimit"] = "00:01:00",
        });
        var blocker = await app.Services.GetRequiredService<ArrivalAdmission>().AdmitAsync(CancellationToken.None);
        var output = Path.Combine(Path.GetTempPath(), "spacecombat-loadtest-refused-" + Guid.NewGuid().ToString("N"));
        var options = SpaceCombat.LoadTest.LoadTestOptions.Parse(["--url", app.BaseUrl.ToString(), "--battles", "2", "--timeout", "60", "--no-progress",
            "--output", output, "--generator-nice", "0"]);
        var log = new StringWriter();
        try
        {
            var (reports, _) = await SpaceCombat.LoadTest.LoadTestProgram.RunAsync(options, log, CancellationToken.None);

            var level = Assert.Single(reports);
            // Both creators' set-up pages arrived on the busy page: a failure named for it, not a timeout on a button.
            Assert.Equal(new Dictionary<string, int> { ["arrival refused (server busy)"] = 2 }, level.FailuresByReason);
            Assert.Equal(2, level.ArrivalsRefused);
            Assert.Equal(0, level.Started);
        }
        finally
        {
            blocker.Dispose();
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
