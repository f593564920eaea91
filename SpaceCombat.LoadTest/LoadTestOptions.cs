using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SpaceCombat.CircuitClient;

namespace SpaceCombat.LoadTest;

public enum ClientKind { Circuit, Browser }

/// <summary>Command-line options of the load test.</summary>
public sealed class LoadTestOptions
{
    public ClientKind Clients { get; set; } = ClientKind.Circuit;
    public Uri? Url { get; set; }
    public bool StartServer { get; set; }
    public IReadOnlyList<int> Levels { get; set; } = [10];
    public bool Solo { get; set; }
    public int ThinkMinMs { get; set; } = 500;
    public int ThinkMaxMs { get; set; } = 1500;
    public TimeSpan LevelTimeout { get; set; } = TimeSpan.FromMinutes(10);
    public double? MaxP95Ms { get; set; }
    public string Output { get; set; } = "results";
    public string Ship { get; set; } = "patrol_corvette";
    public string EnemyShip { get; set; } = "free_trader";
    public string Range { get; set; } = "Short";
    /// <summary>How many circuits (or browser contexts) may be starting at the same time.</summary>
    public int RampConcurrency { get; set; } = 20;
    public bool Progress { get; set; } = true;
    /// <summary>Hold every battle after its set-up until all battles of the level are set up, so they all play at once.</summary>
    public bool SyncStart { get; set; }
    public string? Label { get; set; }
    public int Seed { get; set; } = Environment.TickCount;
    /// <summary>Niceness of the load generator's threads (0 = the server's priority); see GeneratorPriority.</summary>
    public int GeneratorNice { get; set; } = 10;
    /// <summary>Extra server settings (KEY=VALUE, as env vars) when the tool starts the server.</summary>
    public List<string> ServerEnv { get; } = [];
    public string? ServerDll { get; set; }
    /// <summary>--sustain: how long to hold the level's battles, a new pair arriving whenever one ends; null = one burst.</summary>
    public TimeSpan? Sustain { get; set; }
    /// <summary>
    /// --play-out-think-ms: the think time of players in battle once --sustain's window has closed (null: --think-ms), so
    /// that a long battle still in flight ends within a short --timeout.
    /// </summary>
    public (int MinMs, int MaxMs)? PlayOutThink { get; set; }
    /// <summary>--arrival-rate: at most this many pairs (or solo players) arriving per second during --sustain.</summary>
    public double? ArrivalRate { get; set; }
    /// <summary>--mix: each battle's ships and starting band drawn as players choose them (<see cref="Scenario.ScenarioMix"/>).</summary>
    public bool Mix { get; set; }
    public SourceAddressMode SourceAddresses { get; set; } = SourceAddressMode.LoopbackPerPlayer;
    /// <summary>
    /// --kill-server-at: when, after the first level starts, the started server is killed (SIGKILL) and started again
    /// on the same port and content root; its players rejoin as a browser does. Null: the server is left alone.
    /// </summary>
    public TimeSpan? KillServerAt { get; set; }
    /// <summary>--cluster: the script (./cluster.sh) that runs the nodes behind --url, for --kill-node-at and --rolling-restart-at.</summary>
    public string? ClusterScript { get; set; }
    /// <summary>--kill-node-at: when, after the run starts, node <see cref="KillNode"/> is killed (SIGKILL) through the cluster script.</summary>
    public TimeSpan? KillNodeAt { get; set; }
    public int KillNode { get; set; } = 1;
    /// <summary>--restart-node-after: how long the killed node stays down before the cluster script starts it again.</summary>
    public TimeSpan RestartNodeAfter { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>--rolling-restart-at: when, after the run starts, nodes 1..<see cref="Nodes"/> are restarted one at a time.</summary>
    public TimeSpan? RollingRestartAt { get; set; }
    public int Nodes { get; set; } = 3;

    /// <summary>Whether players rejoin a lost circuit as a browser does: the run restarts a server or a node on purpose.</summary>
    public bool PlayersRejoin => KillServerAt is not null || KillNodeAt is not null || RollingRestartAt is not null;

    public const string Usage = """
        SpaceCombat load test: whole battles through the real pages, by headless Blazor circuits or real browsers.

          --clients circuit|browser   headless Blazor Server clients (default) or Playwright + Chromium
          --url http://127.0.0.1:PORT target server (loopback only)
          --start-server              start SpaceCombat.Web (built DLL, Development, a free loopback port, its battles
                                      and keys in a temporary folder of the run's own, deleted at the end, unless
                                      --server-env names SpaceCombat__DataDirectory)
          --server-dll PATH           SpaceCombat.Web.dll to start (default: the Release build next to the repo)
          --server-env KEY=VALUE      extra setting for the started server (repeatable), e.g. SpaceCombat__TurnTimer=00:00:30
          --kill-server-at SECONDS    with --start-server and circuit clients: that long after the run starts, kill the
                                      server (SIGKILL) and start it again on the same port and content root. Players
                                      whose circuit is lost rejoin as a browser does (reload the battle page until
                                      the server answers, seat restored from their stored token) and play on; at the
                                      end each checks that every log line it saw before the kill is in the battle's
                                      full log ("accepted events lost"). A battle gone after the restart fails with
                                      "battle-lost-in-restart"
          --cluster ./cluster.sh      the cluster script running the nodes behind --url (the gateway), for the two
                                      options below; players whose circuit is lost rejoin (as with --kill-server-at)
                                      and the report gives each one's recovery time: from the node going down to
                                      the first update of their battle page after it
          --kill-node-at SECONDS      with --cluster: that long after the run starts, kill node --kill-node I
                                      (default 1) with SIGKILL ("cluster.sh kill I") and start it again
                                      --restart-node-after SECONDS later (default 30; "cluster.sh start I")
          --rolling-restart-at SECONDS
                                      with --cluster: that long after the run starts, restart nodes 1..--nodes N
                                      (default 3) one at a time ("cluster.sh restart I": a graceful stop, then start)
          --battles N                 one level of N concurrent battles (default 10)
          --sustain SECONDS           hold --battles N battles for that long, open loop: whenever a battle ends a new
                                      pair arrives (creator at the home page → set-up → invite; joiner at the link),
                                      then no more arrive and the battles in flight play out (within --timeout);
                                      reports every minute. On the server's shipped settings: no --server-env needed
          --arrival-rate R            with --sustain: at most R pairs arriving per second (default: no cap)
          --mix                       draw each battle's ships from the roster and its starting band (mostly Medium)
                                      as players choose them, instead of --ship/--enemy-ship/--range
          --progressive 2,5,10,...    several levels, one after the other
          --solo                      play against the AI (one client per battle) instead of person vs person pairs
          --think-ms 500-1500         think time between a player's actions (uniform)
          --play-out-think-ms 20-80   with --sustain: think time in battle once the window has closed (default:
                                      --think-ms), so that a long battle in flight ends sooner; set-up pages keep --think-ms
          --timeout 600               seconds allowed per level, or for the play-out after --sustain's window
                                      (then unfinished battles fail with "timeout")
          --max-p95-ms 100            exit non-zero when a level's click-to-update p95 exceeds this
          --ship ID --enemy-ship ID --range Band   scenario (default patrol_corvette vs free_trader at Short)
          --ramp 20                   how many clients may be connecting at once
          --source-addresses loopback-per-player|single
                                      circuit clients connect each from its own 127.x.y.z address (default), as
                                      real players do, so per-client limits apply per player; or all from 127.0.0.1
                                      (then raise the server's SpaceCombat__CircuitsPerClient, ...PerMinute limits)
          --output results            folder of the .json and .md report
          --label TEXT                free text recorded in the report (conditions of the run)
          --sync-start                hold each battle once both players are in it until every battle of the level is,
                                      so that all N battles are live at once (raise the server's IdleTimeout/TurnTimer
                                      for big levels: the player to act waits at the barrier)
          --no-progress               no live display (plain log lines)
          --seed N                    seed of the think-time randomness
          --generator-nice 10         CPU niceness of the load generator (0-19, default 10): on a shared machine the
                                      server under test keeps its priority over its own load generator (0 = same)
        Exit code: 0 when every battle of every level completed correctly (and p95 within --max-p95-ms), 1 otherwise, 2 on bad arguments.
        """;

    public static LoadTestOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadTestOptions();
        var fixedScenario = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--clients":
                    options.Clients = Value().ToLowerInvariant() switch
                    {
                        "circuit" or "circuits" => ClientKind.Circuit,
                        "browser" or "browsers" => ClientKind.Browser,
                        var other => throw new ArgumentException($"Unknown client kind '{other}' (circuit or browser)."),
                    };
                    break;
                case "--url":
                    options.Url = CheckLoopback(Value());
                    break;
                case "--start-server":
                    options.StartServer = true;
                    break;
                case "--server-dll":
                    options.ServerDll = Value();
                    break;
                case "--server-env":
                    options.ServerEnv.Add(Value());
                    break;
                case "--kill-server-at":
                    options.KillServerAt = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--cluster":
                    options.ClusterScript = Value();
                    break;
                case "--kill-node-at":
                    options.KillNodeAt = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--kill-node":
                    options.KillNode = PositiveInt(Value(), arg);
                    break;
                case "--restart-node-after":
                    options.RestartNodeAfter = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--rolling-restart-at":
                    options.RollingRestartAt = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--nodes":
                    options.Nodes = PositiveInt(Value(), arg);
                    break;
                case "--battles":
                    options.Levels = [PositiveInt(Value(), arg)];
                    break;
                case "--progressive":
                    options.Levels = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(v, arg))];
                    break;
                case "--sustain":
                    options.Sustain = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--arrival-rate":
                    options.ArrivalRate = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
                        ? rate
                        : throw new ArgumentException("--arrival-rate must be a positive number of arrivals per second, e.g. 2.5.");
                    break;
                case "--mix":
                    options.Mix = true;
                    break;
                case "--source-addresses":
                    options.SourceAddresses = Value().ToLowerInvariant() switch
                    {
                        "loopback-per-player" => SourceAddressMode.LoopbackPerPlayer,
                        "single" => SourceAddressMode.Single,
                        var other => throw new ArgumentException($"Unknown --source-addresses '{other}' (loopback-per-player or single)."),
                    };
                    break;
                case "--solo":
                    options.Solo = true;
                    break;
                case "--think-ms":
                    (options.ThinkMinMs, options.ThinkMaxMs) = MillisecondRange(Value(), arg);
                    break;
                case "--play-out-think-ms":
                    options.PlayOutThink = MillisecondRange(Value(), arg);
                    break;
                case "--timeout":
                    options.LevelTimeout = TimeSpan.FromSeconds(PositiveInt(Value(), arg));
                    break;
                case "--max-p95-ms":
                    options.MaxP95Ms = double.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    options.Output = Value();
                    break;
                case "--ship":
                    options.Ship = Value();
                    fixedScenario = true;
                    break;
                case "--enemy-ship":
                    options.EnemyShip = Value();
                    fixedScenario = true;
                    break;
                case "--range":
                    options.Range = Value();
                    fixedScenario = true;
                    break;
                case "--ramp":
                    options.RampConcurrency = PositiveInt(Value(), arg);
                    break;
                case "--sync-start":
                    options.SyncStart = true;
                    break;
                case "--no-progress":
                    options.Progress = false;
                    break;
                case "--label":
                    options.Label = Value();
                    break;
                case "--seed":
                    options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--generator-nice":
                    options.GeneratorNice = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var nice) && nice is >= 0 and <= 19
                        ? nice
                        : throw new ArgumentException("--generator-nice must be a whole number from 0 to 19.");
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }
        if (options.Url is null && !options.StartServer)
        {
            throw new ArgumentException("Give --url http://127.0.0.1:PORT or --start-server.");
        }
        if (options.Url is not null && options.StartServer)
        {
            throw new ArgumentException("Give either --url or --start-server, not both.");
        }
        CheckSustain(options);
        if (options.KillServerAt is not null && !options.StartServer)
        {
            throw new ArgumentException("--kill-server-at kills the server the tool started: give --start-server (not --url).");
        }
        if (options.KillServerAt is not null && options.Clients != ClientKind.Circuit)
        {
            throw new ArgumentException("--kill-server-at needs circuit clients (--clients circuit): they rejoin after the restart.");
        }
        CheckCluster(options);
        if (options.Mix && fixedScenario)
        {
            throw new ArgumentException("--mix draws every battle's ships and band: leave out --ship, --enemy-ship and --range.");
        }
        if (options.SourceAddresses == SourceAddressMode.LoopbackPerPlayer && options.Url is { } url && !ReachableOverIPv4(url))
        {
            throw new ArgumentException($"--source-addresses loopback-per-player connects from 127.x.y.z addresses, so the target must be IPv4 loopback (127.0.0.1 or localhost), not '{url.Host}'; give --source-addresses single for it.");
        }
        return options;
    }

    private static void CheckCluster(LoadTestOptions options)
    {
        var disrupts = options.KillNodeAt is not null || options.RollingRestartAt is not null;
        if (disrupts && options.ClusterScript is null)
        {
            throw new ArgumentException("--kill-node-at and --rolling-restart-at act through the cluster script: give --cluster ./cluster.sh.");
        }
        if (options.ClusterScript is { } script && !File.Exists(script))
        {
            throw new ArgumentException($"--cluster: there is no script '{script}'.");
        }
        if (disrupts && options.Url is null)
        {
            throw new ArgumentException("--kill-node-at and --rolling-restart-at disrupt the cluster behind --url (its gateway): give --url, not --start-server.");
        }
        if (disrupts && options.KillServerAt is not null)
        {
            throw new ArgumentException("--kill-server-at is for the one server the tool started; leave it out with --kill-node-at or --rolling-restart-at.");
        }
        if (disrupts && options.Clients != ClientKind.Circuit)
        {
            throw new ArgumentException("--kill-node-at and --rolling-restart-at need circuit clients (--clients circuit): they rejoin after losing their node.");
        }
    }

    private static void CheckSustain(LoadTestOptions options)
    {
        if (options.Sustain is null)
        {
            if (options.ArrivalRate is not null)
            {
                throw new ArgumentException("--arrival-rate paces the arrivals of --sustain: give --sustain SECONDS too.");
            }
            if (options.PlayOutThink is not null)
            {
                throw new ArgumentException("--play-out-think-ms is the pace after --sustain's window: give --sustain SECONDS too.");
            }
            return;
        }
        if (options.Levels.Count != 1)
        {
            throw new ArgumentException("--sustain holds one number of battles: give --battles N, not --progressive.");
        }
        if (options.SyncStart)
        {
            throw new ArgumentException("--sustain and --sync-start do not go together: arrivals never stop, so no moment has every battle set up.");
        }
        if (options.Clients != ClientKind.Circuit)
        {
            throw new ArgumentException("--sustain needs circuit clients (--clients circuit).");
        }
    }

    private static bool ReachableOverIPv4(Uri url) =>
        IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) ? ip.AddressFamily == AddressFamily.InterNetwork : url.IsLoopback;

    /// <summary>The tool only ever targets this machine.</summary>
    public static Uri CheckLoopback(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{value}' is not an http(s) URL.");
        }
        var host = uri.Host.Trim('[', ']');
        var loopback = uri.IsLoopback || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException($"Refusing to load-test '{uri.Host}': only loopback targets (127.0.0.1, ::1, localhost) are allowed.");
        }
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private static int PositiveInt(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option}: '{value}' is not a positive integer.");

    /// <summary>"MIN-MAX" or a single "MS" (both ends the same), in milliseconds.</summary>
    private static (int MinMs, int MaxMs) MillisecondRange(string value, string option)
    {
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        var min = NonNegativeInt(parts[0], option);
        var max = parts.Length > 1 ? NonNegativeInt(parts[1], option) : min;
        return max < min ? throw new ArgumentException($"{option}: max below min.") : (min, max);
    }

    private static int NonNegativeInt(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{option}: '{value}' is not a non-negative integer.");
}
