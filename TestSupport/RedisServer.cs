using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.TestSupport;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) for one test class: on a free loopback port, its files in a temporary
/// folder, nothing written to disk unless asked (<see cref="PersistingToDisk"/>: an append-only file synced on every write,
/// so <see cref="Restart"/> brings the data back). It runs under coreutils' <c>timeout</c>, so a test process that dies
/// without disposing it cannot leave it running past <see cref="Lifetime"/>; dispose stops it by its process id.
/// Linked into the test projects that need it (SpaceCombat.Web.Tests, SpaceCombat.E2E.Tests).
/// </summary>
public sealed class RedisServer : IDisposable
{
    /// <summary>The longest a server may run.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly string _folder;
    private readonly bool _persistToDisk;
    private Process? _process;

    /// <summary>A server that keeps nothing on disk (what a class fixture gets).</summary>
    public RedisServer() : this(persistToDisk: false)
    {
    }

    /// <summary>A server that syncs every write to an append-only file, so what it kept survives <see cref="Restart"/>.</summary>
    public static RedisServer PersistingToDisk() => new(persistToDisk: true);

    private RedisServer(bool persistToDisk)
    {
        _executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server was not found on PATH. Install Debian's redis-server package (apt-get install -y redis-server); ./test.sh installs it when run as root.");
        _persistToDisk = persistToDisk;
        _folder = Directory.CreateTempSubdirectory("spacecombat-redis-").FullName;
        // A port found free may be taken before the server binds it (by another test's server): try a few. Drawn below
        // the ephemeral range, so no outgoing connection takes it.
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPorts.Free();
            try
            {
                Start();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server (admin commands allowed: tests flush and read INFO).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},allowAdmin=true";

    /// <summary>The folder the server runs in (its log, and its append-only file when it persists).</summary>
    public string Folder => _folder;

    /// <summary>Kills the server and starts it again on the same port and folder: what it persisted is all that is left.</summary>
    public void Restart()
    {
        Stop();
        Start();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private void Start()
    {
        var start = new ProcessStartInfo("timeout")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "--signal=TERM", "--kill-after=5", $"{(int)Lifetime.TotalSeconds}", _executable,
            "--bind", "127.0.0.1", "--port", $"{Port}", "--dir", _folder, "--logfile", Path.Combine(_folder, "redis.log"),
            "--save", "", "--appendonly", _persistToDisk ? "yes" : "no", "--appendfsync", "always",
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("timeout (coreutils) could not be started.");
        var deadline = Stopwatch.StartNew();
        while (!Answers())
        {
            if (_process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var log = File.Exists(Path.Combine(_folder, "redis.log")) ? File.ReadAllText(Path.Combine(_folder, "redis.log")) : "(no log)";
                Stop();
                throw new InvalidOperationException($"redis-server did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s. Its log:\n{log}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server (and the <c>timeout</c> that bounds it) by process id.</summary>
    private void Stop()
    {
        if (_process is null)
        {
            return;
        }
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Whether the server answers PING (not while it is still loading its data).</summary>
    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var reply = new byte[64];
            var read = stream.Read(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
