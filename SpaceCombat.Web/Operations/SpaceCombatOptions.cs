namespace SpaceCombat.Web.Operations;

/// <summary>
/// Operational settings of SpaceCombat, bound to the <c>SpaceCombat</c> configuration section.
/// Every value can be overridden by an environment variable, e.g. <c>SpaceCombat__IdleTimeout=00:00:30</c>.
/// </summary>
public sealed class SpaceCombatOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "SpaceCombat";

    /// <summary>How long a player may give no input (while able to act) before being disconnected.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often circuits are checked for idleness.</summary>
    public TimeSpan ConnectionCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A battle with no activity for this long is pruned.</summary>
    public TimeSpan CombatInactiveTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many rounds of combat history are kept per battle.</summary>
    public int CombatHistoryLimit { get; set; } = 10;

    /// <summary>How often battles are checked for inactivity.</summary>
    public TimeSpan CombatCheckInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an ended battle's record stays in storage after the battle is pruned (or ended by an operator), so its
    /// full log can still be shown and downloaded; zero removes it at once. It is never live again.
    /// </summary>
    public TimeSpan BattleRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest <see cref="BattleRetention"/>: every kept record holds disk space.</summary>
    public static readonly TimeSpan MaxBattleRetention = TimeSpan.FromDays(365);

    /// <summary>The sliding window over which <see cref="RateLimitMaxActions"/> is counted.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many actions one player may take per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimitMaxActions { get; set; } = 2;

    /// <summary>
    /// How many of a player's actions past <see cref="RateLimitMaxActions"/> wait (in order) for the window to move
    /// instead of being refused: a quick burst of clicks is paced, not lost. 0 refuses every action over the limit.
    /// </summary>
    public int RateLimitQueueLimit { get; set; } = 6;

    /// <summary>The largest queue a player may be given: each waiting action holds a little server memory.</summary>
    public const int MaxRateLimitQueueLimit = 100;

    /// <summary>How often the metrics summary line is logged.</summary>
    public TimeSpan MetricsLogInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a player has to act in a turn.</summary>
    public TimeSpan TurnTimer { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a disconnected player's seat is held for a reconnect.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Password of the admin dashboard (<c>/admin</c>). Null or empty means no password: the dashboard is then open
    /// to loopback requests only while no forwarded-headers proxy is configured, and to nobody once one is (a warning
    /// says which at start-up). Five wrong passwords lock the client out for a growing delay. Never logged.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>Folder of the rolling log files; relative paths are under the content root.</summary>
    public string LogDirectory { get; set; } = "logs";

    /// <summary>
    /// Folder of the ASP.NET Core Data Protection keys, which encrypt and sign the seat tokens kept in players'
    /// browsers; relative paths are under the content root. Keys kept here survive a restart, so seats do too; every
    /// node serving the same players must read the same keys. Not used when <see cref="Storage"/> is <c>Redis</c>: the
    /// keys are then kept in Redis, which the nodes share.
    /// </summary>
    public string DataProtectionKeysDirectory { get; set; } = "data/keys";

    /// <summary>
    /// A log file that reaches this size is closed and a new one started (files roll by day too), so a flood of log
    /// events never stops logging for the rest of the day.
    /// </summary>
    public long LogFileSizeLimitBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How many log files are kept (the oldest are deleted); with the size limit this bounds the disk used.</summary>
    public int LogRetainedFileCount { get; set; } = 31;

    /// <summary>
    /// Origins (scheme, host and port, e.g. <c>https://space.example.com</c>) whose pages may connect to the Blazor hub
    /// (<c>/_blazor</c>). Empty means the request's own host only.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How many circuits (open pages) one client address may hold at once.</summary>
    public int CircuitsPerClient { get; set; } = 20;

    /// <summary>How many battles one client address may create per minute.</summary>
    public int BattlesPerClientPerMinute { get; set; } = 10;

    /// <summary>How many battle codes one client address may look up (join page, join, watch) per minute.</summary>
    public int CodeLookupsPerClientPerMinute { get; set; } = 20;

    /// <summary>
    /// How many arriving pages (new circuits) may render their first interactive page at once; the others wait in
    /// arrival order, showing their prerendered page and "Joining…", so players already in battle keep the processors.
    /// Default: the number of processors (a first render is processor work; more at once only share the same cores).
    /// </summary>
    public int ArrivalPermits { get; set; } = Environment.ProcessorCount;

    /// <summary>The most <see cref="ArrivalPermits"/> a server may be given.</summary>
    public const int MaxArrivalPermits = 1024;

    /// <summary>
    /// How many arriving pages may wait for a permit; one more is refused with a page that says the server is busy.
    /// A waiting arrival costs little beside the circuit it already holds, so this is well above the circuits a
    /// server holds (2,000 at the 1,000-battle target): a whole server's pages reloading at once still wait.
    /// </summary>
    public int ArrivalQueueLimit { get; set; } = 10_000;

    /// <summary>The largest <see cref="ArrivalQueueLimit"/>.</summary>
    public const int MaxArrivalQueueLimit = 1_000_000;

    /// <summary>
    /// The longest one arrival holds its permit: a page whose first render does not complete by then (a client that
    /// never acknowledges it, a stuck page) lets the next arrival in anyway.
    /// </summary>
    public TimeSpan ArrivalHoldLimit { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest <see cref="ArrivalHoldLimit"/>: every arrival behind a stuck one waits this long.</summary>
    public static readonly TimeSpan MaxArrivalHoldLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How late the server may run queued work (measured by <see cref="ServerLoad"/>'s probe) for an admitted arrival
    /// to begin its first render: later, the server is saturated and the arrival waits, so the players already in
    /// battle go first. Their clicks queue as the probe does.
    /// </summary>
    public TimeSpan ArrivalLagLimit { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The largest <see cref="ArrivalLagLimit"/>.</summary>
    public static readonly TimeSpan MaxArrivalLagLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The share of the processors (above 0, at most 1) busy over the last quarter second at which an admitted arrival
    /// waits before its first render: the machine's share, or this process's of those it may use. A click crosses a
    /// dozen queues between its message and its update, so without processors to spare every click slows many times
    /// over (on 2 cores, click→update p95 216–384 ms while 1,000 battles arrive, 80–122 ms with arrivals held at 0.85).
    /// </summary>
    public double ArrivalProcessorLimit { get; set; } = 0.85;

    /// <summary>
    /// The longest an admitted arrival waits for a calm server (<see cref="ArrivalLagLimit"/>,
    /// <see cref="ArrivalProcessorLimit"/>); then it renders anyway, so a server kept busy by play alone slows arrivals
    /// without shutting them out. Zero: arrivals never wait for calm.
    /// </summary>
    public TimeSpan ArrivalBusyWaitLimit { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <see cref="ArrivalBusyWaitLimit"/>.</summary>
    public static readonly TimeSpan MaxArrivalBusyWaitLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Practice battles (person v person) the server plays against itself through its own pages, over loopback, once
    /// it has started and before /ready reports ready (<see cref="WarmUp.ServerWarmUp"/>): the code every arrival and
    /// click runs is compiled, and hot code compiled again optimised, while no player waits. They count in the
    /// metrics and logs as any battle does; to the per-client limits they are a client of their own
    /// (<see cref="WarmUp.WarmUpClient"/>), whose limits they must fit. 0 and no <see cref="WarmUpPageVisits"/>: ready
    /// at once.
    /// </summary>
    public int WarmUpBattles { get; set; } = 8;

    /// <summary>
    /// Pages (home and set-up) the warm-up opens besides its battles', two at a time, each until interactive: the code
    /// of an arrival runs once per page, and is compiled optimised only after some thirty calls.
    /// </summary>
    public int WarmUpPageVisits { get; set; } = 48;

    /// <summary>The most <see cref="WarmUpPageVisits"/>.</summary>
    public const int MaxWarmUpPageVisits = 1_000;

    /// <summary>The longest the warm-up may take: then the server reports ready anyway (and logs how far it got).</summary>
    public TimeSpan WarmUpTimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <see cref="WarmUpTimeLimit"/>.</summary>
    public static readonly TimeSpan MaxWarmUpTimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Addresses of the reverse proxies in front of the app. Only when set is <c>X-Forwarded-For</c> (and
    /// <c>X-Forwarded-Proto</c>) believed, and only from these addresses: the client address of every per-client
    /// limit is then the forwarded one. Empty: the connection's own address is the client's.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>
    /// On SIGTERM, how long the server waits for open pages to confirm they show "The server is restarting…" before
    /// it stops and their connections close.
    /// </summary>
    public TimeSpan RestartNoticeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where battles are kept so that they survive a restart: <c>Sqlite</c> (a database file in
    /// <see cref="DataDirectory"/>), <c>Redis</c> (the server <see cref="Redis"/> names, shared by every node; the Data
    /// Protection keys are kept there too) or <c>Memory</c> (this process only: for tests).
    /// </summary>
    public string Storage { get; set; } = SqliteStorage;

    public const string SqliteStorage = "Sqlite";
    public const string RedisStorage = "Redis";
    public const string MemoryStorage = "Memory";

    /// <summary>Whether <see cref="Storage"/> is <c>Redis</c>.</summary>
    public bool StoresInRedis => string.Equals(Storage, RedisStorage, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>, or
    /// <c>redis.example:6379,password=…,ssl=true</c>): the Redis server of <c>Storage = Redis</c>, which then requires
    /// it. It may hold a password, so it is never logged whole (only its endpoints).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Folder of the battle database (Storage = Sqlite); relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The port of the battles' Orleans silo on loopback; 0 picks a free one (a single server needs no known port).</summary>
    public int SiloPort { get; set; }

    /// <summary>
    /// How long a web server's hold on a seat (its pages' presence) and on a battle's updates lasts unless renewed (it
    /// renews every third of this). A server that crashed stops renewing: its seats' reconnect grace starts this late.
    /// </summary>
    public TimeSpan PresenceLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This node among several serving the same battles, and cluster mode (<c>SpaceCombat:Cluster</c>).</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary>
    /// The <c>SpaceCombat:Cluster</c> section. Cluster mode (<see cref="Enabled"/>): several servers as one Orleans
    /// cluster whose members find each other in Redis (<see cref="Redis"/>), the battles kept there too
    /// (<c>Storage = Redis</c>). Off by default: one server with its own silo on loopback (<see cref="SiloPort"/>).
    /// </summary>
    public sealed class ClusterOptions
    {
        /// <summary>
        /// This node's name: the label of its figures on <c>/metrics</c>, its row in the admin dashboard's node list,
        /// its silo's name and (in cluster mode) the <c>NodeId</c> of its log events. Letters, digits, '.', '_' and '-';
        /// the machine's name by default.
        /// </summary>
        public string NodeId { get; set; } = Environment.MachineName;

        /// <summary>The longest node name: it is a label on every metric.</summary>
        public const int MaxNodeIdLength = 63;

        /// <summary>Joins the cluster in the Redis server <see cref="SpaceCombatOptions.Redis"/> names instead of running a single-server silo.</summary>
        public bool Enabled { get; set; }

        /// <summary>The port other members reach this server's silo on; 0 picks a free one.</summary>
        public int SiloPort { get; set; } = 11111;

        /// <summary>The port Orleans clients outside the cluster would connect to; 0 picks a free one.</summary>
        public int GatewayPort { get; set; } = 30000;

        /// <summary>
        /// The address this server's silo listens on and gives the other members. Loopback suits several nodes on one
        /// machine; on several machines, each node's own address on the network the nodes share.
        /// </summary>
        public string AdvertisedAddress { get; set; } = "127.0.0.1";
    }
}
