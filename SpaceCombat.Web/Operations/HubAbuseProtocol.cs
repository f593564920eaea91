using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// The Blazor hub's protocol, watched for abuse the framework answers quietly, where no hub filter sees it: an
/// invocation of a hub method the hub does not have or with arguments it cannot bind (SignalR answers it without
/// invoking anything), and a call from the page into .NET that fails, such as a UI event for a handler id no render
/// made (Blazor answers the page with a failure and logs at Debug). Each is the hub-abuse warning naming the client,
/// which <see cref="ClientLogSampler"/> keeps to one per client per minute.
/// </summary>
internal sealed class HubAbuseProtocol(IHubProtocol inner, IHttpContextAccessor http, ILogger<HubAbuseFilter> logger) : IHubProtocol
{
    private const int ProblemLength = 200;

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }
        if (message is InvocationBindingFailureMessage failure)
        {
            Report($"invoking {Shorten(failure.Target)} failed: {Shorten(failure.BindingFailure.SourceException.Message)}");
        }
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        Watch(message);
        inner.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        Watch(message);
        return inner.GetMessageBytes(message);
    }

    /// <summary>
    /// The server's answer to a failed call from the page. A late call into a component already disposed (an object
    /// the server no longer tracks) is one a real browser makes while it leaves a page, and is left alone.
    /// </summary>
    private void Watch(HubMessage message)
    {
        if (message is InvocationMessage { Target: "JS.EndInvokeDotNet", Arguments: [_, false, string error, ..] }
            && !error.Contains("no tracked object", StringComparison.OrdinalIgnoreCase))
        {
            Report($"a call from the page into .NET failed: {Shorten(error)}");
        }
    }

    private void Report(string problem) =>
        HubAbuseFilter.LogAbuse(logger, http.HttpContext is { } context ? ClientAddress.Of(context) : ClientAddress.Unknown, problem);

    private static string Shorten(string text) => text.Length <= ProblemLength ? text : text[..ProblemLength] + "…";
}

internal static class HubAbuseProtocolRegistration
{
    /// <summary>
    /// Puts <see cref="HubAbuseProtocol"/> around the Blazor hub's "blazorpack" protocol. Call after the interactive
    /// server components are added (they register the protocol).
    /// </summary>
    public static IServiceCollection WatchBlazorHubProtocol(this IServiceCollection services)
    {
        var blazorPack = services.LastOrDefault(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType?.Name == "BlazorPackHubProtocol")
            ?? throw new InvalidOperationException("The Blazor hub's protocol is not registered: add the interactive server components first.");
        services.Remove(blazorPack);
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, HubAbuseProtocol>(provider => new HubAbuseProtocol(
            (IHubProtocol)ActivatorUtilities.CreateInstance(provider, blazorPack.ImplementationType!),
            provider.GetRequiredService<IHttpContextAccessor>(),
            provider.GetRequiredService<ILogger<HubAbuseFilter>>())));
        return services;
    }
}
