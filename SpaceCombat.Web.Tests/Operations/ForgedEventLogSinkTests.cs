using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class ForgedEventLogSinkTests
{
    private static readonly MessageTemplateParser Parser = new();

    private sealed class Collected : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static LogEvent CircuitError(Exception exception) => new(DateTimeOffset.UtcNow, LogEventLevel.Error, exception,
        Parser.Parse("Unhandled exception in circuit '{CircuitId}'."),
        [new LogEventProperty("CircuitId", new ScalarValue("c1")), new LogEventProperty(ClientAddress.LogProperty, new ScalarValue("10.0.0.7"))]);

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }
        throw new InvalidOperationException("Nothing was thrown.");
    }

    [Fact]
    public void A_click_sent_to_a_change_handler_is_written_as_the_clients_hub_abuse_warning()
    {
        // What the framework does with a forged event: the handler is invoked with arguments of another event.
        var forged = Thrown(() => new EventCallbackWorkItem(new Action<ChangeEventArgs>(_ => { })).InvokeAsync(new MouseEventArgs()).GetAwaiter().GetResult());
        var sink = new Collected();

        new ForgedEventLogSink(sink).Emit(CircuitError(forged));

        var written = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Warning, written.Level);
        Assert.Null(written.Exception);
        Assert.Equal("Hub protocol abuse from {ClientAddress}: {Problem}", written.MessageTemplate.Text);
        Assert.Equal("\"10.0.0.7\"", written.Properties[ClientAddress.LogProperty].ToString());
        Assert.Contains("an event its handler does not take", written.Properties["Problem"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_mismatch_is_recognised_whichever_frame_throws_it()
    {
        // Once the runtime has compiled its reflection invoker at the higher tier, the argument check is inlined and the
        // mismatch is thrown from another frame than on the first calls; only the message and the dispatch stay the same.
        var message = $"Object of type '{typeof(MouseEventArgs).FullName}' cannot be converted to type '{typeof(ChangeEventArgs).FullName}'.";
        var forged = Thrown(() => new EventCallbackWorkItem(new Action<object>(_ => throw new ArgumentException(message))).InvokeAsync(new MouseEventArgs()).GetAwaiter().GetResult());
        var sink = new Collected();

        new ForgedEventLogSink(sink).Emit(CircuitError(forged));

        Assert.Equal(LogEventLevel.Warning, Assert.Single(sink.Events).Level);
    }

    [Fact]
    public void An_argument_exception_from_a_handlers_own_code_stays_an_error()
    {
        var own = Thrown(() => new EventCallbackWorkItem(new Action<ChangeEventArgs>(_ => throw new ArgumentException("bad value"))).InvokeAsync(new ChangeEventArgs()).GetAwaiter().GetResult());
        var sink = new Collected();
        var error = CircuitError(own);

        new ForgedEventLogSink(sink).Emit(error);

        Assert.Same(error, Assert.Single(sink.Events));
    }
}
