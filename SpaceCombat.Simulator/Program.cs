using Spectre.Console;

namespace SpaceCombat.Simulator;

// A namespaced entry point: the test project also sees the web app's global Program (WebApplicationFactory<Program>).
public static class Program
{
    public static int Main(string[] args)
    {
        // The progress bar goes to stderr, and only when stderr is a terminal: stdout carries the report alone.
        var progress = Console.IsErrorRedirected
            ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        return SimulatorApp.Run(args, Console.Out, Console.Error, progress);
    }
}
