using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace SpaceCombat.Web.Operations;

/// <summary>
/// Writes the framework's report of a UI event whose arguments its handler does not take (a click sent to a select's
/// change handler) as the hub-abuse warning that names the client. A browser sends each handler its own kind of event,
/// so only a forged hub message does this; the framework then ends that client's own circuit and logs an unhandled
/// exception at Error, which would let any client write server errors at will. The circuit still ends.
/// </summary>
public sealed partial class ForgedEventLogSink(ILogEventSink inner) : ILogEventSink
{
    private static readonly MessageTemplate AbuseTemplate = new MessageTemplateParser().Parse(HubAbuseFilter.AbuseTemplate);

    public void Emit(LogEvent logEvent) => inner.Emit(IsForgedEvent(logEvent) ? AsAbuse(logEvent) : logEvent);

    /// <summary>
    /// The exception reflection throws when it checks an event's arguments against its handler, before the handler
    /// runs: one event-arguments type that cannot be converted to another, thrown under the framework's event
    /// dispatch. Which reflection frame throws it depends on how warm the invoker is, so only the message and the
    /// dispatcher's frame are relied on; a handler's own exceptions carry its own message and are left as they are.
    /// </summary>
    internal static bool IsForgedEvent(LogEvent logEvent) =>
        logEvent.Exception is ArgumentException { InnerException: null } exception
        && EventArgumentsMismatch().IsMatch(exception.Message)
        && exception.StackTrace?.Contains("Microsoft.AspNetCore.Components.EventCallbackWorkItem", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"^Object of type '[\w.]+EventArgs' cannot be converted to type '[\w.]+EventArgs'\.$")]
    private static partial Regex EventArgumentsMismatch();

    private static LogEvent AsAbuse(LogEvent logEvent)
    {
        var properties = new List<LogEventProperty>();
        foreach (var (name, value) in logEvent.Properties)
        {
            if (name is "SourceContext" or ClientAddress.LogProperty)
            {
                properties.Add(new LogEventProperty(name, value));
            }
        }
        if (!logEvent.Properties.ContainsKey(ClientAddress.LogProperty))
        {
            properties.Add(new LogEventProperty(ClientAddress.LogProperty, new ScalarValue(ClientAddress.Unknown)));
        }
        properties.Add(new LogEventProperty("Problem", new ScalarValue($"an event its handler does not take ({logEvent.Exception!.Message})")));
        return new LogEvent(logEvent.Timestamp, LogEventLevel.Warning, null, AbuseTemplate, properties);
    }
}
