using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Admin;
using SpaceCombat.Web.Components.Pages;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.Nodes;

namespace SpaceCombat.Web.Tests;

public sealed class AdminPageTests : MudBunitContext
{
    private static readonly AsyncLocal<AppServices.Fakes?> Registered = new();
    private readonly AppServices.Fakes fakes;

    public AdminPageTests()
        : base(services => Registered.Value = services.AddAppServices())
    {
        fakes = Registered.Value!;
    }

    private FakeTimeProvider time => fakes.Time;

    private void Configure(string? password, string? remoteAddress = "127.0.0.1")
    {
        fakes.Options.AdminPassword = password;
        if (remoteAddress is not null)
        {
            Services.GetRequiredService<AdminAccess>().SetRemoteAddress(IPAddress.Parse(remoteAddress));
        }
    }

    private MetricsHistory History => Services.GetRequiredService<MetricsHistory>();

    /// <summary>
    /// Renders the dashboard and waits until it has listed the cluster twice (on opening and at the first sample): a
    /// click on a render that a late listing replaces would be lost.
    /// </summary>
    /// <summary>
    /// Clicks <paramref name="button"/> until <paramref name="clicked"/> holds: the battles and nodes are listed from the
    /// grains between renders, and a click on a render that a listing replaces is lost, so it is clicked again.
    /// </summary>
    private static void ClickUntil(IRenderedComponent<AdminDashboard> dashboard, string button, Action clicked) =>
        dashboard.WaitForAssertion(() =>
        {
            try
            {
                clicked();
            }
            catch (Exception) when (dashboard.FindAll(button).Count > 0)
            {
                dashboard.Find(button).Click();
                clicked();
            }
        });

    private IRenderedComponent<AdminDashboard> RenderSettledDashboard()
    {
        var dashboard = Render<AdminDashboard>();
        dashboard.WaitForAssertion(() => Assert.Equal("2", dashboard.Find("[data-testid=admin-dashboard]").GetAttribute("data-listings")));
        return dashboard;
    }

    [Fact]
    public void With_a_password_the_page_asks_for_it_and_refuses_a_wrong_one()
    {
        Configure("open-sesame");

        var page = Render<Admin>();
        Assert.NotNull(page.Find("[data-testid=admin-signin]"));
        Assert.Empty(page.FindAll("[data-testid=admin-dashboard]"));

        page.Find("input[type=password]").Input("nope");
        page.Find("form").Submit();

        Assert.Equal("Wrong password.", page.Find("[data-testid=admin-signin-error]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=admin-dashboard]"));
        Assert.Empty(History.Samples);
    }

    [Fact]
    public void The_right_password_opens_the_dashboard_which_starts_the_sampler()
    {
        Configure("open-sesame", remoteAddress: "203.0.113.9");

        var page = Render<Admin>();
        page.Find("input[type=password]").Input("open-sesame");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=admin-dashboard]")));
        Assert.NotEmpty(History.Samples);
    }

    [Fact]
    public void Without_a_password_a_loopback_circuit_sees_the_dashboard()
    {
        Configure(null, "::1");

        var page = Render<Admin>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=admin-dashboard]")));
        Assert.Empty(page.FindAll("[data-testid=admin-signin]"));
    }

    [Fact]
    public void Without_a_password_a_remote_circuit_is_refused()
    {
        Configure(null, "198.51.100.7");

        var page = Render<Admin>();

        Assert.Contains("loopback requests only", page.Find("[data-testid=admin-refused]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=admin-dashboard]"));
        Assert.Empty(History.Samples);
    }

    [Fact]
    public void Prerendering_shows_nothing_and_does_not_start_the_sampler()
    {
        Configure(null);
        UseStaticRenderer();

        var page = Render<Admin>();

        Assert.Empty(page.FindAll("[data-testid=admin-dashboard]"));
        Assert.Empty(page.FindAll("[data-testid=admin-signin]"));
        Assert.Empty(History.Samples);
    }

    [Fact]
    public void The_dashboard_shows_cards_and_the_five_charts_and_updates_on_each_sample()
    {
        Configure(null);
        var metrics = Services.GetRequiredService<SpaceCombatMetrics>();
        metrics.ConnectionOpened();
        metrics.ConnectionOpened();
        metrics.ConnectionClosed();
        metrics.ArrivalQueued();
        metrics.ArrivalQueued();
        metrics.ArrivalQueued();
        metrics.ArrivalDequeued();
        metrics.RecordServerLoad(TimeSpan.FromMilliseconds(3), processorBusyShare: 0.874);

        var dashboard = Render<AdminDashboard>();
        dashboard.WaitForAssertion(() => Assert.Equal("1", dashboard.Find("[data-testid=admin-dashboard]").GetAttribute("data-samples")));

        foreach (var chart in new[] { "circuits", "actions", "latency", "memory", "threadpool" })
        {
            Assert.NotNull(dashboard.Find($"[data-testid=chart-{chart}] svg"));
        }
        var circuits = dashboard.Find("[data-testid=card-circuits]");
        Assert.Equal("1", circuits.QuerySelector("[data-testid=card-current]")!.TextContent.Trim());
        Assert.Equal("peak 2", circuits.QuerySelector("[data-testid=card-peak]")!.TextContent.Trim());
        Assert.Equal("total 2", circuits.QuerySelector("[data-testid=card-total]")!.TextContent.Trim());
        Assert.Equal("2", dashboard.Find("[data-testid=card-arrivals] [data-testid=card-current]").TextContent.Trim());
        Assert.Equal("87 %", dashboard.Find("[data-testid=card-processors] [data-testid=card-current]").TextContent.Trim());

        for (var i = 0; i < 3; i++)
        {
            metrics.ActionAccepted("fire");
            time.Advance(History.Interval);
        }

        dashboard.WaitForAssertion(() => Assert.Equal("4", dashboard.Find("[data-testid=admin-dashboard]").GetAttribute("data-samples")));
        Assert.Equal("0.5", dashboard.Find("[data-testid=card-actions] [data-testid=card-current]").TextContent.Trim());
        Assert.Equal("total 3", dashboard.Find("[data-testid=card-actions] [data-testid=card-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Closing_the_dashboard_stops_the_sampler()
    {
        Configure(null);
        var dashboard = Render<AdminDashboard>();
        dashboard.WaitForAssertion(() => Assert.NotEmpty(History.Samples));

        await DisposeComponentsAsync();

        Assert.Empty(History.Samples);
        time.Advance(History.Interval);
        Assert.Empty(History.Samples);
    }

    [Fact]
    public async Task The_battles_table_lists_live_battles_and_ends_one()
    {
        Configure(null);
        var registry = Services.GetRequiredService<IBattleRegistry>();
        var (grant, _) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
        var battleId = grant!.BattleId;

        var dashboard = RenderSettledDashboard();
        var row = dashboard.Find($"[data-testid=battle-row][data-battle-id='{battleId}']");
        Assert.Contains("Type-S Scout vs —", row.TextContent);
        Assert.Contains("WaitingForOpponent", row.TextContent);

        ClickUntil(dashboard, $"button[aria-label='End battle {battleId}']", () => dashboard.Find("[data-testid=end-battle-confirm]"));

        // The first click only asks; the battle is still running.
        Assert.Contains($"End battle {battleId}?", dashboard.Find("[data-testid=end-battle-confirm]").TextContent);
        Assert.NotNull(await registry.GetAsync(battleId));

        ClickUntil(dashboard, $"button[aria-label='Confirm end battle {battleId}']", () => dashboard.Find("[data-testid=no-battles]"));
        Assert.Null(await registry.GetAsync(battleId));
        // The dashboard shows its own snackbars: the layout has no provider.
        dashboard.WaitForAssertion(() => Assert.Contains($"Battle {battleId} ended.", dashboard.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_lists_the_battles_every_ten_seconds_not_at_every_sample_and_at_once_on_refresh()
    {
        Configure(null);
        var registry = Services.GetRequiredService<IBattleRegistry>();
        var dashboard = Render<AdminDashboard>();
        var panel = () => dashboard.Find("[data-testid=admin-dashboard]");
        dashboard.WaitForAssertion(() => Assert.Equal("1 sample, 1 listing", $"{panel().GetAttribute("data-samples")} sample, {panel().GetAttribute("data-battle-listings")} listing"));
        var (first, _) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
        var firstRow = $"[data-testid=battle-row][data-battle-id='{first!.BattleId}']";

        for (var i = 0; i < 4; i++)
        {
            time.Advance(History.Interval);
        }
        dashboard.WaitForAssertion(() => Assert.Equal("5", panel().GetAttribute("data-samples")));
        Assert.Equal("1", panel().GetAttribute("data-battle-listings"));
        Assert.Empty(dashboard.FindAll(firstRow));

        time.Advance(History.Interval);
        Assert.Equal(AdminDashboard.BattleListInterval, History.Interval * 5);
        dashboard.WaitForAssertion(() => Assert.Equal("2", panel().GetAttribute("data-battle-listings")));
        dashboard.WaitForAssertion(() => Assert.NotNull(dashboard.Find(firstRow)));
        Assert.Equal("1", dashboard.Find("[data-testid=battles-live-count]").TextContent.Trim());
        Assert.Equal("Listed at 12:00:10 UTC", dashboard.Find("[data-testid=battles-listed-at]").TextContent.Trim());

        var (second, _) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
        ClickUntil(dashboard, "button[aria-label='Refresh battles']",
            () => dashboard.Find($"[data-testid=battle-row][data-battle-id='{second!.BattleId}']"));
        Assert.Equal("2", dashboard.Find("[data-testid=battles-live-count]").TextContent.Trim());
        Assert.Equal("6", panel().GetAttribute("data-samples"));
    }

    private static readonly DateTimeOffset ListedAt = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static BattleSummary InPlay(int number) =>
        new($"P{number:D5}", OpponentKind.Person, BattlePhase.InProgress, "scout", "free_trader", 3, 2, TimeSpan.FromSeconds(number)) { Node = "node-a" };

    private static BattleSummary EndedAt(int number, int minute) =>
        new BattleEndMark(OpponentKind.Ai, "scout", "free_trader", 5, new BattleOutcome(Side.One, BattleEndReason.Destroyed, 5), ListedAt.AddMinutes(minute))
            .Summary($"E{number:D5}", ListedAt.AddHours(1));

    private static string[] RowIds(IRenderedComponent<LiveBattlesTable> table) =>
        table.FindAll("[data-testid=battle-row]").Select(row => row.GetAttribute("data-battle-id")!).ToArray();

    [Fact]
    public void The_battles_table_counts_live_and_ended_battles_and_pages_them_live_first_then_the_latest_ended()
    {
        // As the registry lists them: by code, ended and in play mixed.
        var battles = Enumerable.Range(1, 5).Select(i => EndedAt(i, minute: i)).Concat(Enumerable.Range(1, 30).Select(InPlay))
            .OrderBy(b => b.Id, StringComparer.Ordinal).Reverse().ToArray();

        var table = Render<LiveBattlesTable>(p => p.Add(t => t.Battles, battles));

        Assert.Equal("30", table.Find("[data-testid=battles-live-count]").TextContent.Trim());
        Assert.Equal("5", table.Find("[data-testid=battles-ended-count]").TextContent.Trim());
        Assert.Equal(Enumerable.Range(1, LiveBattlesTable.RowsPerPage).Select(i => $"P{i:D5}"), RowIds(table));
        Assert.Equal("Rows 1–25 of 35 · page 1 of 2", table.Find("[data-testid=battles-page]").TextContent.Trim());
        Assert.True(table.Find("button[aria-label='Previous page of battles']").HasAttribute("disabled"));
        Assert.Equal("node-a", table.Find("[data-testid=battle-row][data-battle-id='P00001'] [data-testid=battle-node]").TextContent.Trim());

        table.Find("button[aria-label='Next page of battles']").Click();

        Assert.Equal(["P00026", "P00027", "P00028", "P00029", "P00030", "E00005", "E00004", "E00003", "E00002", "E00001"], RowIds(table));
        Assert.Equal("Rows 26–35 of 35 · page 2 of 2", table.Find("[data-testid=battles-page]").TextContent.Trim());
        Assert.True(table.Find("button[aria-label='Next page of battles']").HasAttribute("disabled"));
        var ended = table.Find("[data-testid=battle-row][data-battle-id='E00005']");
        Assert.Equal("Over", ended.GetAttribute("data-phase"));
        Assert.Equal("Type-S Scout destroys Type-A Free Trader", ended.QuerySelector("[data-testid=battle-row-result]")!.TextContent.Trim());
        Assert.Equal("55m 00s", ended.Children[6].TextContent.Trim());
        Assert.Empty(ended.QuerySelectorAll("button"));
    }

    [Fact]
    public void A_listing_that_shrinks_under_the_page_shown_shows_its_last_page_and_one_page_shows_no_pager()
    {
        var table = Render<LiveBattlesTable>(p => p.Add(t => t.Battles, Enumerable.Range(1, 60).Select(InPlay).ToArray()));
        table.Find("button[aria-label='Next page of battles']").Click();
        table.Find("button[aria-label='Next page of battles']").Click();
        Assert.Equal("Rows 51–60 of 60 · page 3 of 3", table.Find("[data-testid=battles-page]").TextContent.Trim());

        table.Render(p => p.Add(t => t.Battles, Enumerable.Range(1, 30).Select(InPlay).ToArray()));
        Assert.Equal("Rows 26–30 of 30 · page 2 of 2", table.Find("[data-testid=battles-page]").TextContent.Trim());
        Assert.Equal(5, RowIds(table).Length);

        table.Render(p => p.Add(t => t.Battles, Enumerable.Range(1, 3).Select(InPlay).ToArray()));
        Assert.Equal(["P00001", "P00002", "P00003"], RowIds(table));
        Assert.Empty(table.FindAll("[data-testid=battles-pager]"));
    }

    [Fact]
    public async Task The_nodes_panel_lists_this_node_with_its_battles_and_circuits_and_each_battle_names_its_node()
    {
        Configure(null);
        fakes.Options.Cluster.NodeId = "node-a";
        var registry = Services.GetRequiredService<IBattleRegistry>();
        var (first, _) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
        await registry.CreateAsync(new NewBattleRequest(OpponentKind.Ai, "patrol_corvette", "free_trader", RangeBand.Long));
        var metrics = Services.GetRequiredService<SpaceCombatMetrics>();
        for (var i = 0; i < 3; i++)
        {
            metrics.ConnectionOpened();
        }
        await Services.GetRequiredService<NodeReporter>().ReportAsync();

        var dashboard = Render<AdminDashboard>();

        // The nodes and the battles are listed apart, and a listing may render between the two: all of it is read
        // from one render, the latest.
        dashboard.WaitForAssertion(() =>
        {
            var row = dashboard.Find("[data-testid=node-row][data-node-id='node-a']");
            Assert.Single(dashboard.FindAll("[data-testid=node-row]"));
            Assert.Contains("(this node)", row.TextContent);
            Assert.Equal("2", row.QuerySelector("[data-testid=node-battles]")!.TextContent.Trim());
            Assert.Equal("3", row.QuerySelector("[data-testid=node-circuits]")!.TextContent.Trim());
            Assert.Equal("node-a", dashboard.Find($"[data-testid=battle-row][data-battle-id='{first!.BattleId}'] [data-testid=battle-node]").TextContent.Trim());
        });
    }

    [Fact]
    public void A_node_that_has_not_reported_yet_is_listed_without_a_circuit_count()
    {
        Configure(null);

        var dashboard = Render<AdminDashboard>();

        dashboard.WaitForAssertion(() =>
        {
            var row = dashboard.Find("[data-testid=node-row]");
            Assert.Equal("0", row.QuerySelector("[data-testid=node-battles]")!.TextContent.Trim());
            Assert.Equal("—", row.QuerySelector("[data-testid=node-circuits]")!.TextContent.Trim());
        });
    }

    [Fact]
    public async Task End_battle_can_be_called_off_at_the_confirmation()
    {
        Configure(null);
        var registry = Services.GetRequiredService<IBattleRegistry>();
        var (grant, _) = await registry.CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Short));
        var battleId = grant!.BattleId;

        var dashboard = RenderSettledDashboard();
        ClickUntil(dashboard, $"button[aria-label='End battle {battleId}']", () => dashboard.Find($"button[aria-label='Keep battle {battleId}']"));
        ClickUntil(dashboard, $"button[aria-label='Keep battle {battleId}']", () => Assert.Empty(dashboard.FindAll("[data-testid=end-battle-confirm]")));

        Assert.Empty(dashboard.FindAll("[data-testid=end-battle-confirm]"));
        Assert.NotNull(dashboard.Find($"button[aria-label='End battle {battleId}']"));
        Assert.NotNull(await registry.GetAsync(battleId));
    }

    [Fact]
    public void After_five_wrong_passwords_the_page_refuses_the_right_one_until_the_lockout_passes()
    {
        Configure("open-sesame", remoteAddress: "203.0.113.44");
        var page = Render<Admin>();

        for (var i = 0; i < AdminSignInGuard.FreeAttempts; i++)
        {
            page.Find("input[type=password]").Input($"nope-{i}");
            page.Find("form").Submit();
        }
        page.Find("input[type=password]").Input("open-sesame");
        page.Find("form").Submit();

        Assert.Equal("Too many wrong passwords. Try again in 30 s.", page.Find("[data-testid=admin-signin-error]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=admin-dashboard]"));

        time.Advance(AdminSignInGuard.FirstLockout);
        page.Find("input[type=password]").Input("open-sesame");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=admin-dashboard]")));
    }

    [Fact]
    public void Chart_labels_mark_a_time_every_minute_and_are_blank_between()
    {
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var samples = Enumerable.Range(0, 61)
            .Select(i => new MetricsSample(start.AddSeconds(2 * i), 1, 1, 0, 0, 0, 0, 1024 * 1024, 1024 * 1024, 0))
            .ToList();

        var labels = AdminCharts.Labels(samples);
        var charts = AdminCharts.Build(samples);

        Assert.Equal(61, labels.Length);
        Assert.Equal(["12:00:00", "12:01:00", "12:02:00"], labels.Where(l => l.Length > 0));
        Assert.Equal(5, charts.Count);
        Assert.All(charts.SelectMany(c => c.Series), series => Assert.Equal(61, series.Data.Count));
        Assert.Equal(1.0, charts.Single(c => c.Key == "memory").Series[0].Data.Values[0]);
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(75, "1m 15s")]
    [InlineData(3725, "1h 02m")]
    public void Idle_time_is_formatted_for_the_table(int seconds, string expected) =>
        Assert.Equal(expected, LiveBattlesTable.FormatIdle(TimeSpan.FromSeconds(seconds)));
}
