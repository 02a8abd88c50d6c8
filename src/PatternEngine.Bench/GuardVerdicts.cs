using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Metrics;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Bench;

/// <summary>
/// Reads what a run's guards decided, once, when its sample is made and its log line written: the summaries count
/// <see cref="BenchSample.Guard"/> and the log's <c>labels.expected_verdict</c> and <c>labels.guard_verdict</c>, so
/// the rates from a report and from its log are the same by construction.
/// </summary>
internal static class GuardVerdicts
{
    private const string ExpectedLabel = "expected_verdict";
    private const string ReachedLabel = "guard_verdict";

    /// <summary>The verdict of a run on a case that states one; null when the case states none or no guard decided.</summary>
    public static BenchGuardVerdict? Of(GoldenCase goldenCase, RunRecord record) =>
        goldenCase.ExpectedVerdict is { } expected && Reached(record) is { } reached ? new BenchGuardVerdict(expected, reached) : null;

    /// <summary>Adds the case's expected verdict and the run's reached one to a log line's labels, when there are both.</summary>
    public static void Label(ImmutableDictionary<string, string>.Builder labels, GoldenCase goldenCase, RunRecord record)
    {
        if (Of(goldenCase, record) is { } verdict)
        {
            labels[ExpectedLabel] = Name(verdict.Expected);
            labels[ReachedLabel] = Name(verdict.Reached);
        }
    }

    /// <summary>A log line's verdict, from the labels <see cref="Label"/> wrote; null when it has none.</summary>
    public static BenchGuardVerdict? OfLabels(JsonObject? labels) =>
        (string?)labels?[ExpectedLabel] is { } expected && GoldenVerdict.Parse(expected) is { } e
        && (string?)labels?[ReachedLabel] is { } reached && GoldenVerdict.Parse(reached) is { } r
            ? new BenchGuardVerdict(e, r)
            : null;

    /// <summary>A run's counts with what its verdict adds to the guard rates.</summary>
    public static RunCounts Count(RunCounts run, BenchGuardVerdict? verdict) => verdict is null ? run : run with
    {
        HostileCases = verdict.Hostile ? 1 : 0,
        Detected = verdict.Hostile && verdict.Flagged ? 1 : 0,
        BenignCases = verdict.Hostile ? 0 : 1,
        FalsePositives = !verdict.Hostile && verdict.Flagged ? 1 : 0,
    };

    /// <summary>The strongest verdict the run's guards reached (nested patterns' guards too); null when no guard decided.</summary>
    private static GuardAction? Reached(RunRecord record) =>
        record.Status == RunStatus.Blocked ? GuardAction.Block : Strongest(record.Stages);

    private static GuardAction? Strongest(ImmutableArray<StageRecord> stages)
    {
        GuardAction? strongest = null;
        foreach (var stage in stages)
        {
            var verdict = stage.Kind == "guard" && (string?)stage.Details?["verdict"] is { } name ? GoldenVerdict.Parse(name) : Strongest(stage.Stages);
            if (verdict is { } reached && (strongest is null || reached > strongest))
            {
                strongest = reached;
            }
        }

        return strongest;
    }

    private static string Name(GuardAction action) => action.ToString().ToLowerInvariant();
}
