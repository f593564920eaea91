using SpaceCombat.LoadTest.Scenario;
using SpaceCombat.LoadTest.Server;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>--kill-server-at: its option's checks, and the check that nothing a player saw was lost in the restart.</summary>
public sealed class ServerKillTests
{
    [Fact]
    public void Kill_server_at_is_read_in_seconds_with_a_started_server()
    {
        var options = LoadTestOptions.Parse(["--start-server", "--kill-server-at", "45"]);

        Assert.Equal(TimeSpan.FromSeconds(45), options.KillServerAt);
        Assert.Null(LoadTestOptions.Parse(["--start-server"]).KillServerAt);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("1.5")]
    public void Kill_server_at_must_be_a_positive_whole_number_of_seconds(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--start-server", "--kill-server-at", value]));
        Assert.Contains("--kill-server-at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kill_server_at_needs_a_value() =>
        Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--start-server", "--kill-server-at"]));

    [Fact]
    public void Kill_server_at_only_kills_the_server_the_tool_started()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--kill-server-at", "30"]));
        Assert.Contains("--start-server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kill_server_at_needs_circuit_clients_which_rejoin()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--start-server", "--clients", "browser", "--kill-server-at", "30"]));
        Assert.Contains("circuit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_text_explains_kill_server_at() =>
        Assert.Contains("--kill-server-at SECONDS", LoadTestOptions.Usage, StringComparison.Ordinal);

    [Fact]
    public void Nothing_is_lost_when_every_line_seen_is_in_the_log_after_in_order()
    {
        string[] seen = ["Battle begins at Short range.", "Scout ends its turn.", "Trader ends its turn.", "Scout ends its turn."];
        string[] after = ["Battle begins at Short range.", "Initiative: ...", "Scout ends its turn.", "Trader ends its turn.", "Scout ends its turn.", "Trader fires turret 1.", "Trader surrenders."];

        Assert.Empty(EventLossCheck.Missing(seen, after));
        Assert.Empty(EventLossCheck.Missing([], after));
    }

    [Fact]
    public void A_line_seen_but_missing_after_the_restart_is_lost()
    {
        string[] seen = ["Scout ends its turn.", "Scout fires turret 1 (Pulse Laser): hit.", "Trader ends its turn."];
        string[] after = ["Scout ends its turn.", "Trader ends its turn.", "Trader surrenders."];

        Assert.Equal(["Scout fires turret 1 (Pulse Laser): hit."], EventLossCheck.Missing(seen, after));
        Assert.Equal(seen, EventLossCheck.Missing(seen, []));
    }

    [Fact]
    public void Repeated_lines_are_matched_one_for_one_and_in_order()
    {
        // Seen twice, kept once: one of them was lost.
        Assert.Equal(["Scout ends its turn."], EventLossCheck.Missing(["Scout ends its turn.", "Scout ends its turn."], ["Scout ends its turn."]));
        // The same lines in another order: the later one seen is missing where it should be.
        Assert.Equal(["B"], EventLossCheck.Missing(["A", "B"], ["B", "A"]));
    }

    [Fact]
    public void A_server_counter_that_starts_again_after_a_restart_still_adds_up()
    {
        // 4 + 3 before the restart, then 2 counted from zero and 2 more.
        Assert.Equal(11, LevelStats.CounterIncrease([10, 14, 17, 2, 4]));
        Assert.Equal(7, LevelStats.CounterIncrease([10, double.NaN, 17]));
        Assert.True(double.IsNaN(LevelStats.CounterIncrease([10])));
    }

    [Fact]
    public void A_run_with_its_own_data_folder_keeps_its_battles_and_keys_there()
    {
        var environment = ServerProcess.ServerEnvironment([], "/tmp/run-1");

        Assert.Equal("/tmp/run-1", environment["SpaceCombat__DataDirectory"]);
        Assert.Equal(Path.Combine("/tmp/run-1", "keys"), environment["SpaceCombat__DataProtectionKeysDirectory"]);
    }

    [Fact]
    public void A_data_folder_named_in_server_env_wins_and_the_keys_follow_it_unless_named_too()
    {
        var named = ServerProcess.ServerEnvironment(["SpaceCombat__DataDirectory=/srv/sc"], "/tmp/run-1");
        Assert.Equal("/srv/sc", named["SpaceCombat__DataDirectory"]);
        Assert.Equal(Path.Combine("/srv/sc", "keys"), named["SpaceCombat__DataProtectionKeysDirectory"]);

        var keysNamed = ServerProcess.ServerEnvironment(["SpaceCombat__DataDirectory=/srv/sc", "SpaceCombat__DataProtectionKeysDirectory=/srv/keys"]);
        Assert.Equal("/srv/keys", keysNamed["SpaceCombat__DataProtectionKeysDirectory"]);

        Assert.True(RunDataFolder.IsNamedIn(ServerProcess.ServerEnvironment(["spacecombat:datadirectory=/srv/sc"])));
        Assert.False(RunDataFolder.IsNamedIn(ServerProcess.ServerEnvironment(["SpaceCombat__TurnTimer=00:00:30"])));
    }

    [Fact]
    public void Each_run_data_folder_is_new_and_deleted_with_what_it_holds_when_the_run_ends()
    {
        string path;
        using (var first = RunDataFolder.Create())
        using (var second = RunDataFolder.Create())
        {
            Assert.NotEqual(first.Path, second.Path);
            path = first.Path;
            Assert.True(Directory.Exists(path));
            Directory.CreateDirectory(Path.Combine(path, "keys"));
            File.WriteAllText(Path.Combine(path, "battles.db"), "x");
        }
        Assert.False(Directory.Exists(path));
    }
}
