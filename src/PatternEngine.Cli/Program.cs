using PatternEngine.Cli;

// The first Ctrl+C cancels the command, which then reports what it measured (and exports its telemetry); a second
// one ends the process, once the telemetry still buffered is exported (for two seconds at most).
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    if (!e.Cancel)
    {
        CliTelemetry.FlushAll(TimeSpan.FromSeconds(2));
    }

    cancel.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
