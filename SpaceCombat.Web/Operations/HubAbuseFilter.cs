using Microsoft.AspNetCore.SignalR;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Logs abuse of the Blazor hub's protocol, which the framework handles quietly: a hub method invocation that throws
/// (invalid arguments reaching the hub) and a connection closed because of an unreadable message. Each is a warning
/// naming the client; <see cref="ClientLogSampler"/> keeps it to one per client per minute with a count of the rest.
/// A global hub filter, so it sees the Blazor hub's invocations.
/// </summary>
public sealed partial class HubAbuseFilter(ILogger<HubAbuseFilter> logger) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ValueTask<object?> invocation;
        try
        {
            invocation = next(invocationContext);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAbuse(logger, ClientOf(invocationContext.Context), $"invoking {invocationContext.HubMethodName} failed with {exception.GetType().Name}");
            throw;
        }
        return invocation.IsCompletedSuccessfully ? invocation : AwaitInvocationAsync(invocation, invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (IsProtocolError(exception))
        {
            LogAbuse(logger, ClientOf(context.Context), $"connection closed on an unreadable message ({exception!.GetType().Name})");
        }
        return next(context, exception);
    }

    /// <summary>Exceptions of a message that could not be read (as opposed to a network failure or a normal close).</summary>
    internal static bool IsProtocolError(Exception? exception) => exception is InvalidDataException or FormatException
        or System.Text.Json.JsonException
        || exception?.GetType().FullName?.StartsWith("MessagePack.", StringComparison.Ordinal) == true;

    private async ValueTask<object?> AwaitInvocationAsync(ValueTask<object?> invocation, HubInvocationContext invocationContext)
    {
        try
        {
            return await invocation;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAbuse(logger, ClientOf(invocationContext.Context), $"invoking {invocationContext.HubMethodName} failed with {exception.GetType().Name}");
            throw;
        }
    }

    private static string ClientOf(HubCallerContext context) =>
        context.GetHttpContext() is { } http ? ClientAddress.Of(http) : "unknown";

    /// <summary>One template for every kind, so the sampler lets one warning per client per minute through.</summary>
    internal const string AbuseTemplate = "Hub protocol abuse from {ClientAddress}: {Problem}";

    [LoggerMessage(EventId = 1330, Level = LogLevel.Warning, Message = AbuseTemplate)]
    internal static partial void LogAbuse(ILogger logger, string clientAddress, string problem);
}
