using PatternEngine.Cli;

// The first Ctrl+C cancels the command, which then reports what it measured; a second one ends the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
