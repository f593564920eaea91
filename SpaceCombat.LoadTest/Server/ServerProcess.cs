using System.Diagnostics;
using System.Net;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.LoadTest.Server;

/// <summary>Starts SpaceCombat.Web (the built DLL, Development environment, a free loopback port) and stops it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dll;
    private readonly string[] _extraEnvironment;
    // The run's own data folder, which this process deletes at the end unless it handed it on to its restart.
    private RunDataFolder? _dataFolder;

    private ServerProcess(Process process, Uri baseUri, string dll, string[] extraEnvironment, RunDataFolder? dataFolder)
    {
        _process = process;
        BaseUri = baseUri;
        _dll = dll;
        _extraEnvironment = extraEnvironment;
        _dataFolder = dataFolder;
    }

    public Uri BaseUri { get; }

    /// <summary>
    /// The server's environment: as deployed (Development, for static assets of the built DLL), the run's data folder
    /// when it has one, then any --server-env; the Data Protection keys stay with the data unless a keys folder is named.
    /// </summary>
    public static Dictionary<string, string> ServerEnvironment(IEnumerable<string> extraEnvironment, string? runDataFolder = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Development: the built (not published) app serves its static web assets only there.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["SpaceCombat__LogDirectory"] = Path.Combine(Path.GetTempPath(), "spacecombat-loadtest-logs"),
        };
        if (runDataFolder is not null)
        {
            environment[RunDataFolder.DataDirectoryKey] = runDataFolder;
        }
        foreach (var pair in extraEnvironment)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--server-env '{pair}' is not KEY=VALUE.");
            environment[pair[..eq]] = pair[(eq + 1)..];
        }
        // A restart must read the seat tokens its run issued, and a later run must not: the keys go with the data.
        if (RunDataFolder.ValueOf(environment, RunDataFolder.DataDirectoryKey) is { } data
            && RunDataFolder.ValueOf(environment, RunDataFolder.KeysDirectoryKey) is null)
        {
            environment[RunDataFolder.KeysDirectoryKey] = Path.Combine(data, "keys");
        }
        return environment;
    }

    /// <summary>
    /// How long a started server may take to report ready: its start, then its warm-up (practice battles, at most
    /// SpaceCombat:WarmUpTimeLimit, a minute as shipped), on a machine other tests may be loading too.
    /// </summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    public int ProcessId => _process.Id;

    /// <summary>Sends SIGTERM to the server (as a service manager stopping it does).</summary>
    public void SignalTerminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with code {kill.ExitCode}.");
        }
    }

    /// <summary>Kills the server with SIGKILL (a crash: no shutdown, no notice to its pages) and waits for it to end.</summary>
    public async Task KillAsync()
    {
        // Process.Kill sends SIGKILL on Linux, to this process only (by its id).
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Starts the same server again (same DLL, content root, settings, data folder and port) once this one has ended,
    /// and waits until it is ready. The new process takes over the run's data folder.
    /// </summary>
    public async Task<ServerProcess> StartAgainAsync(TextWriter log)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The server is still running: stop it first.");
        }
        // From here the new process owns the folder (and deletes it if it fails to start: the run is over then).
        var dataFolder = _dataFolder;
        _dataFolder = null;
        return await StartAsync(_dll, _extraEnvironment, log, BaseUri.Port, dataFolder);
    }

    /// <summary>Waits for the server process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>
    /// Starts the server on a free loopback port with a data folder of its own (deleted when it is disposed) unless
    /// <paramref name="extraEnvironment"/> names one.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string? dllPath, IEnumerable<string> extraEnvironment, TextWriter log)
    {
        string[] extra = [.. extraEnvironment];
        var ownData = RunDataFolder.IsNamedIn(ServerEnvironment(extra)) ? null : RunDataFolder.Create();
        return StartAsync(dllPath, extra, log, port: null, ownData);
    }

    /// <param name="port">The loopback port to listen on; a free one when null.</param>
    private static async Task<ServerProcess> StartAsync(string? dllPath, string[] extra, TextWriter log, int? port, RunDataFolder? dataFolder)
    {
        var dll = dllPath ?? FindWebDll();
        if (dll is null)
        {
            dataFolder?.Dispose();
            throw new InvalidOperationException(
                "SpaceCombat.Web.dll not found: build it (dotnet build SpaceCombat.Web -c Release) or pass --server-dll.");
        }
        port ??= LoopbackPorts.Free();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        foreach (var (key, value) in ServerEnvironment(extra, dataFolder?.Path))
        {
            start.Environment[key] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        }
        catch
        {
            dataFolder?.Dispose();
            throw;
        }
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && IsNotable(line)) log.WriteLine($"[server] {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) log.WriteLine($"[server:err] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, baseUri, dll, extra, dataFolder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                var code = process.ExitCode;
                await server.DisposeAsync();
                throw new InvalidOperationException($"The server exited at start with code {code}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(baseUri, "ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (Exception)
            {
            }
            await Task.Delay(250);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"The server did not become ready within {ReadyTimeout.TotalSeconds:0} s.");
    }

    private static bool IsNotable(string line) =>
        line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("crit", StringComparison.OrdinalIgnoreCase) ||
        line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FTL]", StringComparison.Ordinal);

    /// <summary>Working set (RSS) of the server read from /proc (a cross-check of /metrics).</summary>
    public long? ReadRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (Exception)
        {
        }
        return null;
    }

    /// <summary>The server's user and kernel CPU time so far, in seconds; null once it has exited.</summary>
    public double? ReadCpuSeconds()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FindWebDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(folder.FullName, "SpaceCombat.Web", "bin", configuration, "net10.0", "SpaceCombat.Web.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM would be kinder; Kill on the process we started (by its id) is bounded and sure.
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
            }
        }
        _process.Dispose();
        _dataFolder?.Dispose();
        _dataFolder = null;
    }
}
