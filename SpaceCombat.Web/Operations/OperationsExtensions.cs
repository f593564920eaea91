using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SpaceCombat.Web.Operations;

/// <summary>Wires the operations building blocks: settings, logging, metrics, health, rate limiting, circuit activity.</summary>
public static class OperationsExtensions
{
    /// <summary>Liveness endpoint: answers 200 while the process serves requests.</summary>
    public const string LivenessPath = "/health";

    /// <summary>Readiness endpoint: 200 once the application has started and until it stops.</summary>
    public const string ReadinessPath = "/ready";

    /// <summary>Prometheus scraping endpoint.</summary>
    public const string MetricsPath = "/metrics";

    private const string ReadinessTag = "ready";

    /// <summary>
    /// Platform meters exported beside <see cref="SpaceCombatMetrics.MeterName"/>. All exist in .NET 10:
    /// HTTP requests, Kestrel connections, SignalR (Blazor hub) connections, Blazor navigation/events, Blazor
    /// circuits, routing, unhandled exceptions, and the runtime (GC, threads, CPU, memory).
    /// Not "Microsoft.AspNetCore.Components.Lifecycle": it times every component's parameter update and every render
    /// batch, which at 2,000 circuits is a histogram update per component per battle change and an extra awaited
    /// task per batch; enable it with OpenTelemetry when profiling renders.
    /// </summary>
    public static readonly IReadOnlyList<string> PlatformMeterNames =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
    ];

    /// <summary>
    /// Registers every operations service, metrics export and logging. Call once, right after
    /// <c>WebApplication.CreateBuilder</c>.
    /// </summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOperations();
        // Seat tokens are encrypted with keys that outlive the process (see DataProtectionKeys).
        services.AddPersistedDataProtection();

        // Every series on /metrics is labelled with this node's name (service_instance_id), so a cluster's nodes stay apart.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new NodeResourceDetector(sp.GetRequiredService<IOptions<SpaceCombatOptions>>())))
            .WithMetrics(metrics => metrics
                .AddMeter(SpaceCombatMetrics.MeterName)
                .AddMeter([.. PlatformMeterNames])
                .AddPrometheusExporter(exporter => exporter.ResourceConstantLabels = NodeResourceDetector.IsNodeLabel));

        // Request guards: the hub's allowed origins, readable 414/431 pages (Kestrel's limits raised above the app's).
        services.AddSingleton<HubOrigins>();
        services.AddOversizeRequestGuard();

        // Hub protocol abuse is logged (a global hub filter applies to the Blazor hub); the sampler keeps any one
        // client's repeated warnings to one a minute.
        services.AddSingleton<HubAbuseFilter>();
        services.AddSignalR(hub => hub.AddFilter<HubAbuseFilter>());
        services.AddSingleton<ClientLogSampler>();

        // The static Log.Logger is left alone (preserveStaticLogger) so that several hosts in one process
        // (integration tests) each keep their own logger and files.
        services.AddSerilog(ConfigureSerilog, preserveStaticLogger: true);
        CachedLoggerFactory.Decorate(services);

        return builder;
    }

    /// <summary>
    /// The operations services the app's components and battle layer use (settings, clock, metrics, rate limiter,
    /// circuit activity, admin access, shutdown notice, health checks and their background services), without the
    /// host's logging and metrics export (see the <see cref="WebApplicationBuilder"/> overload).
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<SpaceCombatOptions>()
            .BindConfiguration(SpaceCombatOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SpaceCombatOptions>, SpaceCombatOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<SpaceCombatMetrics>();
        services.AddSingleton<PlayerActionRateLimiter>();

        services.AddSingleton<CircuitActivityRegistry>();
        // Per-client limits, and the hub filter that refuses a client's circuit beyond its limit and lets the server
        // close circuits (idle, over the limit): see CircuitConnectionFilter, CircuitTerminator.
        services.AddSingleton<ClientLimits>();
        // KnownProxies configures the standard forwarded-headers options (so the admin rules see the proxy too).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SpaceCombatOptions>>((forwarded, settings) =>
        {
            if (settings.Value.KnownProxies is not { Length: > 0 } proxies)
            {
                return;
            }
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddSingleton<CircuitTerminator>();
        services.AddSingleton<CircuitConnectionFilter>();
        services.AddSignalR(hub => hub.AddFilter<CircuitConnectionFilter>());
        services.AddScoped<CurrentCircuit>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        // Arrivals: a new circuit's first render waits its turn (oldest first) while the server is saturated.
        services.AddSingleton<IProcessorTimesSource, SystemProcessorTimes>();
        services.AddSingleton<ServerLoad>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerLoad>());
        services.AddSingleton<ArrivalAdmission>();
        services.AddScoped<CircuitArrival>();
        services.AddScoped<CircuitHandler, ArrivalAdmissionHandler>();
        services.AddHostedService<CircuitIdleMonitor>();
        services.AddHostedService<MetricsLogger>();

        // Admin dashboard: the sampler (runs only while a dashboard is open), per-circuit access, start-up warning.
        services.AddSingleton<MetricsHistory>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AdminSignInGuard>();
        services.AddScoped<AdminAccess>();
        services.AddScoped<CircuitHandler, AdminAccessCircuitHandler>();
        services.AddHostedService<AdminStartupCheck>();
        services.AddHostedService<RuntimeSettingsReport>();

        // Graceful shutdown: open pages are told the server is restarting before their connections close. Serilog's
        // logger (and its file sink) is flushed when the host disposes the container, which owns the
        // SerilogLoggerFactory (see the builder overload).
        services.AddSingleton<ShutdownNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownNotifier>());
        TellPagesBeforeSignalledStop(services);

        // Start-up warm-up: practice battles through the server's own pages before /ready reports ready.
        services.AddSingleton<WarmUp.WarmUpReadiness>();
        services.AddHostedService<WarmUp.ServerWarmUp>();

        services.AddHealthChecks()
            .AddCheck<ApplicationStartedHealthCheck>(ApplicationStartedHealthCheck.Name, tags: [ReadinessTag])
            .AddCheck<WarmUp.WarmUpReadiness>(WarmUp.WarmUpReadiness.Name, tags: [ReadinessTag]);

        return services;
    }

    /// <summary>
    /// When the app runs as a console process, its lifetime's SIGTERM/SIGINT handling asks for the stop through
    /// <see cref="RestartNoticeApplicationLifetime"/>, so pages are told before ApplicationStopping closes their
    /// connections. Other lifetimes (a service manager's, a test host's) are left as they are.
    /// </summary>
    private static void TellPagesBeforeSignalledStop(IServiceCollection services)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(IHostLifetime))?.ImplementationType != typeof(Microsoft.Extensions.Hosting.Internal.ConsoleLifetime))
        {
            return;
        }
        services.AddSingleton<IHostLifetime>(sp => new Microsoft.Extensions.Hosting.Internal.ConsoleLifetime(
            sp.GetRequiredService<IOptions<ConsoleLifetimeOptions>>(),
            sp.GetRequiredService<IHostEnvironment>(),
            new RestartNoticeApplicationLifetime(sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ShutdownNotifier>()),
            sp.GetRequiredService<IOptions<HostOptions>>(),
            sp.GetRequiredService<ILoggerFactory>()));
    }

    /// <summary>
    /// Adds request logging, the security headers, the oversize-request pages and the hub's origin check, and maps <c>/health</c>, <c>/ready</c> and <c>/metrics</c>.
    /// Call right after <c>builder.Build()</c>, before the other middleware, so request logging sees every request.
    /// </summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Client addresses (every per-client limit) come from X-Forwarded-For only when the proxy is named.
        if (app.Services.GetRequiredService<IOptions<SpaceCombatOptions>>().Value.KnownProxies is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        app.UseSerilogRequestLogging(options =>
        {
            // The DI logger, not the static one (see AddOperations).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = GetRequestLogLevel;
            options.EnrichDiagnosticContext = static (diagnostics, context) => diagnostics.Set(ClientAddress.LogProperty, ClientAddress.Of(context));
        });

        // Before everything that answers: every response gets the security headers, every log event the client.
        app.UseSecurityHeaders();
        app.UseClientAddressLogContext();
        app.UseOversizeRequestGuard();
        app.UseHubOriginGuard();
        app.UseHubWithoutRequestActivity();

        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            // Degraded is a server still warming up: it serves, but it should not be sent traffic yet.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);

        return app;
    }

    /// <summary>
    /// Probe and scrape endpoints at Debug whatever their status (a 503 from /ready is an answer, not a fault);
    /// otherwise failures at Error; Blazor's hub, framework files and static files at Debug (hidden at the
    /// default Information level); everything else at Information.
    /// </summary>
    internal static LogEventLevel GetRequestLogLevel(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        var path = context.Request.Path;
        var isProbe = path.StartsWithSegments(LivenessPath)
            || path.StartsWithSegments(ReadinessPath)
            || path.StartsWithSegments(MetricsPath);
        if (exception is null && isProbe)
        {
            return LogEventLevel.Debug;
        }

        if (exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        var isNoise = path.StartsWithSegments("/_blazor")
            || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content")
            || Path.HasExtension(path.Value);
        return isNoise ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    /// <summary>The log property naming the node that wrote an event (cluster mode).</summary>
    public const string NodeIdLogProperty = "NodeId";

    private static void ConfigureSerilog(IServiceProvider services, LoggerConfiguration logger)
    {
        var options = services.GetRequiredService<IOptions<SpaceCombatOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logDirectory = Path.Combine(environment.ContentRootPath, options.LogDirectory);

        var levels = LogLevels.FromConfiguration(services.GetRequiredService<IConfiguration>());
        logger.MinimumLevel.Is(levels.Minimum);
        foreach (var (category, level) in levels.Overrides)
        {
            logger.MinimumLevel.Override(category, level);
        }
        logger.Enrich.FromLogContext();
        if (options.Cluster.Enabled)
        {
            // Several nodes' logs read side by side (or shipped to one place) say which node wrote each event.
            logger.Enrich.WithProperty(NodeIdLogProperty, options.Cluster.NodeId);
        }
        // A forged UI event's framework error is written as the client's abuse it is (see ForgedEventLogSink), before
        // the sampler keeps each client's repeated warnings to one a minute. Behind background writers: a burst of
        // battle events must not queue threads on the console or file lock; disposing the logger at shutdown drains
        // and flushes them.
        var sampler = services.GetRequiredService<ClientLogSampler>();
        logger.WriteTo.Sink(Serilog.Configuration.LoggerSinkConfiguration.Wrap(sink => new ForgedEventLogSink(sink), wrapped => wrapped.Conditional(sampler.IsEnabled, sampled => sampled.Async(sinks =>
        {
            sinks.Console(formatProvider: CultureInfo.InvariantCulture);
            sinks.File(
                new CompactJsonFormatter(),
                Path.Combine(logDirectory, "spacecombat-.clef"),
                rollingInterval: RollingInterval.Day,
                // Rolling by size too: a flood of events fills files that are deleted oldest first, instead of
                // filling the day's one file to its cap and stopping the log until midnight.
                fileSizeLimitBytes: options.LogFileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: options.LogRetainedFileCount);
        }))));
    }
}
