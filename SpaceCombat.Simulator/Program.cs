using SpaceCombat.Simulator;
using Spectre.Console;

// The progress bar goes to stderr, and only when stderr is a terminal: stdout carries the report alone.
var progress = Console.IsErrorRedirected
    ? null
    : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
return SimulatorApp.Run(args, Console.Out, Console.Error, progress);
