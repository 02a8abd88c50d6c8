using PatternEngine.Bench;
using Spectre.Console;

namespace PatternEngine.Cli.Output;

/// <summary>A progress bar over a bench's runs on an interactive terminal; nothing when output is redirected.</summary>
internal static class BenchProgressBar
{
    public static Task<TReport> RunAsync<TReport>(IAnsiConsole console, int total, Func<IProgress<BenchProgress>?, Task<TReport>> bench)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return bench(null);
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{total} runs", maxValue: total);
                return await bench(new TaskProgress(task)).ConfigureAwait(false);
            });
    }

    // Reports on the caller's thread: Progress<T> would post to the thread pool and could update the bar after it closed.
    private sealed class TaskProgress(ProgressTask task) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            task.Value = value.Done;
            task.Description = Markup.Escape($"{value.Last.Pattern} on {value.Last.CaseId}");
        }
    }
}
