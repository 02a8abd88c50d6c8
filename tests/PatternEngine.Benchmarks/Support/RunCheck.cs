using PatternEngine.Execution;

namespace PatternEngine.Benchmarks.Support;

/// <summary>Checks, before measuring, that a run did what the benchmark says it measures.</summary>
public static class RunCheck
{
    // The stages of included patterns too: an issue there is as much a sign of a run cut short.
    private static IEnumerable<StageRecord> Flatten(IEnumerable<StageRecord> stages) => stages.SelectMany(s => Flatten(s.Stages).Prepend(s));

    /// <summary>Throws unless the run made <paramref name="calls"/> calls, produced an output and reported no issue.</summary>
    public static void Expect(RunRecord record, int calls)
    {
        ArgumentNullException.ThrowIfNull(record);
        var issues = Flatten(record.Stages).SelectMany(s => s.Issues.Select(i => $"{s.Id}: {i}")).ToList();
        if (record.Totals.Calls != calls || record.Output.AsItem() is null || issues.Count > 0)
        {
            throw new InvalidOperationException(
                $"'{record.Pattern}' made {record.Totals.Calls} call(s), {calls} expected; output '{record.Output}'; issues: {string.Join("; ", issues)}");
        }
    }
}
