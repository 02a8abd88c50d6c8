using System.ComponentModel;
using PatternEngine.Bench.History;
using PatternEngine.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary><c>patterns history [NAME]</c>: stored bench results over time, newest first, with the change since the bench before.</summary>
internal sealed class HistoryCommand(CliStreams streams, IAnsiConsole console) : Command<HistoryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[NAME]")]
        [Description("A pattern or a model the history holds: a pattern shows its results, a model its figures per bench.")]
        public string? Name { get; init; }

        [CommandOption("--pattern <PATTERN>")]
        [Description("Only this pattern's results.")]
        public string? Pattern { get; init; }

        [CommandOption("--model <MODEL>")]
        [Description("Only benches on this model.")]
        public string? Model { get; init; }

        [CommandOption("--db <FILE>")]
        [Description($"The history database (default: {BenchHistory.DefaultFileName} in the working directory).")]
        public string? Database { get; init; }

        [CommandOption("--limit <N>")]
        [Description("Show at most N results (default 20).")]
        public int Limit { get; init; } = 20;

        [CommandOption("--json")]
        [Description("Print the results as JSON on standard output.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Limit < 1 ? ValidationResult.Error($"--limit must be at least 1, not {Limit}") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = settings.Database ?? Path.Combine(Directory.GetCurrentDirectory(), BenchHistory.DefaultFileName);
        if (settings.Database is null && !File.Exists(path))
        {
            return NothingStored(settings, path, $"No bench history yet: {path} does not exist ('patterns bench' stores its results there).");
        }

        // A named file must exist: OpenExisting says so in one line rather than creating an empty history.
        using var history = BenchHistory.OpenExisting(path);
        if (history.BenchCount() == 0)
        {
            return NothingStored(settings, path, $"No benches stored yet in {path}.");
        }

        if (Resolve(history, settings) is not { } query)
        {
            return ExitCodes.InvalidInput;
        }

        var results = history.PatternHistory(query.Pattern, query.Model, settings.Limit);
        var models = query.ShowModel ? history.ModelHistory(query.Model!, settings.Limit) : null;
        if (settings.Json)
        {
            streams.Out.WriteLine(HistoryJson.Serialize(path, query.Pattern, query.Model, results, models));
            return ExitCodes.Success;
        }

        if (models is not null)
        {
            HistoryView.WriteModel(console, query.Model!, models);
        }

        if (results.Count == 0)
        {
            var what = string.Join(" on ", new[] { query.Pattern is null ? null : $"pattern {query.Pattern}", query.Model is null ? null : $"model {query.Model}" }.OfType<string>());
            streams.Out.WriteLine(models is null ? $"No stored results for {what} in {path}." : $"No bench ran with {query.Model} as its model.");
            return ExitCodes.Success;
        }

        HistoryView.WritePatterns(console, results);
        return ExitCodes.Success;
    }

    /// <summary>Nothing to show is no error: a message for people, or an empty result for scripts.</summary>
    private int NothingStored(Settings settings, string path, string message)
    {
        streams.Out.WriteLine(settings.Json ? HistoryJson.Serialize(path, settings.Pattern, settings.Model, [], null) : message);
        return ExitCodes.Success;
    }

    /// <summary>The pattern and model to show, with NAME resolved against what the history holds; null after an error message.</summary>
    private HistoryQuery? Resolve(BenchHistory history, Settings settings)
    {
        var patterns = history.PatternNames();
        var models = history.ModelNames();
        foreach (var (option, value, known) in new[] { ("--pattern", settings.Pattern, patterns), ("--model", settings.Model, models) })
        {
            if (value is not null && !known.Contains(value, StringComparer.Ordinal))
            {
                return Fail($"{option} {value}: the history at {history.Path} holds no such {option[2..]} ({Known(known)})");
            }
        }

        var query = new HistoryQuery(settings.Pattern, settings.Model, ShowModel: false);
        if (settings.Name is not { } name)
        {
            return query;
        }

        var isPattern = patterns.Contains(name, StringComparer.Ordinal);
        var isModel = models.Contains(name, StringComparer.Ordinal);
        return (isPattern, isModel) switch
        {
            (false, false) => Fail($"'{name}' is neither a pattern nor a model in {history.Path} (patterns: {Known(patterns)}; models: {Known(models)})"),
            (true, true) => Fail($"'{name}' is both a pattern and a model in {history.Path}: say which with --pattern or --model"),
            (true, _) when settings.Pattern is { } other && other != name => Fail($"'{name}' and --pattern {other} name two patterns: give one"),
            (true, _) => query with { Pattern = name },
            (_, true) when settings.Model is { } other && other != name => Fail($"'{name}' and --model {other} name two models: give one"),
            _ => query with { Model = name, ShowModel = settings.Pattern is null },
        };
    }

    private HistoryQuery? Fail(string message)
    {
        streams.Error.WriteLine("error: " + message);
        return null;
    }

    private static string Known(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private sealed record HistoryQuery(string? Pattern, string? Model, bool ShowModel);
}
