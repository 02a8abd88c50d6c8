using System.Collections.Concurrent;
using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Streaming;

/// <summary>
/// Turns a finished run's full sample into the compact fact a bench keeps for its summaries: its figures, score and
/// error, and the checklist's tallies of its stages, without its answer or stages (the history and <c>--log</c> have
/// those). Ids are the bench's own strings (the pattern's name, the case's id), and equal errors share one string,
/// so a kept run costs a few hundred bytes whatever its record held. Notes the models its calls went to on the way.
/// </summary>
internal sealed class SampleCompactor
{
    // Enough for every distinct failure a bench reports in practice; past it, errors are kept as they come.
    private const int MaxPooledErrors = 1024;

    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _models = new(StringComparer.Ordinal);

    /// <summary>The models the compacted runs' calls went to (and those <see cref="AddModels"/> named), sorted.</summary>
    public IReadOnlyList<string> Models => [.. _models.Keys.Order(StringComparer.Ordinal)];

    public BenchSample Compact(BenchSample full)
    {
        AddModels(full.Stages.SelectMany(s => s.AllCalls()).Select(c => c.Model));
        return full with { Answer = "", Stages = [], Error = Pooled(full.Error), Counts = RunCounts.Of(full) };
    }

    public void AddModels(IEnumerable<string> models)
    {
        foreach (var model in models)
        {
            _models.TryAdd(model, 0);
        }
    }

    private string? Pooled(string? error) =>
        error is null ? null
        : _errors.TryGetValue(error, out var pooled) ? pooled
        : _errors.Count < MaxPooledErrors ? _errors.GetOrAdd(error, error)
        : error;
}
