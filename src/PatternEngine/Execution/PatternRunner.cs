using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Models.Measurement;
using PatternEngine.Stages;

namespace PatternEngine.Execution;

/// <summary>
/// Runs a compiled pattern: each stage starts as soon as the stages it reads have finished, so independent stages
/// run concurrently. A failing stage cancels the rest; the stages that finished keep their records.
/// </summary>
internal sealed class PatternRunner(CompiledPattern pattern, Kernel kernel, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StageValue> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StageRecord> _records = new(StringComparer.Ordinal);

    public async Task<RunRecord> RunAsync(IReadOnlyDictionary<string, StageValue> inputs, RunOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in inputs)
        {
            _values[name] = value;
        }

        var started = time.GetTimestamp();
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var node in pattern.Nodes)
        {
            var dependencies = node.DependsOn.Select(d => tasks[d]).ToArray();
            tasks[node.Id] = RunStageAsync(node, dependencies, options.Seed, failure);
        }

        try
        {
            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var failed = tasks.FirstOrDefault(t => t.Value.IsFaulted).Key;
            var cause = failed is null ? e : tasks[failed].Exception!.InnerException!;
            var message = failed is null
                ? $"the run of '{pattern.Definition.Name}' was cancelled"
                : $"stage '{failed}' of '{pattern.Definition.Name}' failed: {cause.Message}";
            throw new PatternRunException(message, Record(options, started), cause);
        }

        return Record(options, started);
    }

    private async Task RunStageAsync(StageNode node, Task[] dependencies, int seed, CancellationTokenSource failure)
    {
        await Task.WhenAll(dependencies).ConfigureAwait(false);
        failure.Token.ThrowIfCancellationRequested();
        var scope = CallScope.Begin(node.Id);
        var context = new StageContext(node.Id, kernel, _values, seed, failure.Token);
        var started = time.GetTimestamp();
        try
        {
            var outcome = await node.RunAsync(context).ConfigureAwait(false);
            _values[node.Id] = outcome.Value;
            _records[node.Id] = StageRecordOf(node, outcome, context, scope, time.GetElapsedTime(started));
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static StageRecord StageRecordOf(StageNode node, StageOutcome outcome, StageContext context, CallScope scope, TimeSpan elapsed)
    {
        var calls = scope.Calls.ToImmutableArray();
        return new StageRecord
        {
            Id = node.Id,
            Kind = PatternPlan.KindName(node.Definition.Kind),
            Model = string.Join(",", calls.Select(c => c.Model).Distinct(StringComparer.Ordinal)),
            Calls = calls.Length,
            InputTokens = calls.Sum(c => c.InputTokens),
            OutputTokens = calls.Sum(c => c.OutputTokens),
            LatencyMs = elapsed.TotalMilliseconds,
            Output = outcome.Value,
            Issues = [.. context.Issues],
            Details = outcome.Details,
            CallRecords = calls,
        };
    }

    private RunRecord Record(RunOptions options, long started)
    {
        var stages = pattern.Definition.Stages
            .Where(s => _records.ContainsKey(s.Id))
            .Select(s => _records[s.Id])
            .ToImmutableArray();
        return new RunRecord
        {
            Pattern = pattern.Definition.Name,
            Version = pattern.Definition.Version,
            Seed = options.Seed,
            Output = _values.GetValueOrDefault(pattern.Definition.Output) ?? StageValue.None,
            Stages = stages,
            Totals = new RunTotals
            {
                Calls = stages.Sum(s => s.Calls),
                InputTokens = stages.Sum(s => s.InputTokens),
                OutputTokens = stages.Sum(s => s.OutputTokens),
                WallMs = time.GetElapsedTime(started).TotalMilliseconds,
            },
        };
    }
}
