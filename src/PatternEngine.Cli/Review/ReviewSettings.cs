using System.ComponentModel;
using PatternEngine.Bench.History;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Review;

/// <summary>What every <c>patterns review</c> command takes: the history file the queue is in.</summary>
internal class ReviewSettings : CommandSettings
{
    [CommandOption("--db <FILE>")]
    [Description($"The history database the review queue is in (default: {BenchHistory.DefaultFileName} in the working directory).")]
    public string? Database { get; init; }

    /// <summary>The queue's file: the named one, or the default in the working directory.</summary>
    public string Path => Database ?? System.IO.Path.Combine(Directory.GetCurrentDirectory(), BenchHistory.DefaultFileName);
}

/// <summary>The settings of a command on one item: its id.</summary>
internal class ReviewItemSettings : ReviewSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The review item's id (see 'patterns review list').")]
    public long Id { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Id < 1 ? Spectre.Console.ValidationResult.Error($"a review item's id is 1 or more, not {Id}") : base.Validate();
}
