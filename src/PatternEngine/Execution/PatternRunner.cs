using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Execution.Logging;
using PatternEngine.Models.Measurement;
using PatternEngine.Stages;

namespace PatternEngine.Execution;

/// <summary>
/// Runs a compiled pattern: each stage starts as soon as the stages it reads have finished, so independent stages
/// run concurrently. A failing stage cancels the rest; every stage that started keeps its record and its calls.
/// </summary>
internal sealed class PatternRunner(CompiledPattern pattern, Kernel kernel, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StageValue> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StageRecord> _records = new(StringComparer.Ordinal);

    private StageFailure? _failure;
    private RunHeader? _header;
    private IRunLog? _log;

    public async Task<RunRecord> RunAsync(IReadOnlyDictionary<string, StageValue> inputs, RunOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in inputs)
        {
            _values[name] = value;
        }

        var started = time.GetTimestamp();
        _header = new RunHeader(Guid.NewGuid().ToString("N"), pattern.Definition.Name, pattern.Definition.Version, time.GetUtcNow());
        _log = options.Log;
        using var stopRun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var node in pattern.Nodes)
        {
            var dependencies = node.DependsOn.Select(d => tasks[d]).ToArray();
            tasks[node.Id] = RunStageAsync(node, dependencies, options.Seed, stopRun, cancellationToken);
        }

        try
        {
            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var message = _failure is { } failure
                ? $"stage '{failure.StageId}' of '{pattern.Definition.Name}' failed: {failure.Error.Message}"
                : $"the run of '{pattern.Definition.Name}' was cancelled";
            var partial = Record(options, started);
            Log(log => log.RunFinished(_header, partial, message));
            throw new PatternRunException(message, partial, _failure?.Error ?? e);
        }

        var record = Record(options, started);
        Log(log => log.RunFinished(_header, record, null));
        return record;
    }

    private async Task RunStageAsync(StageNode node, Task[] dependencies, int seed, CancellationTokenSource stopRun, CancellationToken caller)
    {
        await Task.WhenAll(dependencies).ConfigureAwait(false);
        stopRun.Token.ThrowIfCancellationRequested();
        var scope = CallScope.Begin(node.Id, call => Log(log => log.CallFinished(_header!, call)));
        using var context = new StageContext(node.Id, kernel, _values, seed, stopRun.Token);
        var started = time.GetTimestamp();
        try
        {
            var skipped = node.Condition is { } condition && !condition.IsMet(_values);
            var outcome = skipped ? new StageOutcome(node.SkippedValue) : await node.RunAsync(context).ConfigureAwait(false);
            _values[node.Id] = outcome.Value;
            _records[node.Id] = StageRecordOf(node, outcome, context, scope, time.GetElapsedTime(started)) with { Skipped = skipped };
        }
        catch (Exception e)
        {
            // The first stage to fail on its own (a provider error or time-out, not a cancellation the run or the
            // caller asked for) is the run's failure; it stops the rest.
            var stopped = stopRun.IsCancellationRequested || caller.IsCancellationRequested;
            if (!stopped)
            {
                Interlocked.CompareExchange(ref _failure, new StageFailure(node.Id, e), null);
            }

            context.AddIssue(stopped ? "cancelled before it finished" : "failed: " + e.Message);
            _records[node.Id] = StageRecordOf(node, new StageOutcome(StageValue.None), context, scope, time.GetElapsedTime(started));
            await stopRun.CancelAsync().ConfigureAwait(false);
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
            CachedCalls = calls.Count(c => c.Cached),
            InputTokens = calls.Sum(c => c.InputTokens),
            CostUsd = calls.Sum(c => c.CostUsd ?? 0),
            UnpricedCalls = calls.Count(c => c.CostUsd is null),
            OutputTokens = calls.Sum(c => c.OutputTokens),
            LatencyMs = elapsed.TotalMilliseconds,
            Output = outcome.Value,
            Issues = [.. context.Issues],
            Details = outcome.Details,
            CallRecords = calls,
        };
    }

    private sealed record StageFailure(string StageId, Exception Error);

    [SuppressMessage("Design", "CA1031", Justification = "A log that fails must not fail the run it logs.")]
    private void Log(Action<IRunLog> write)
    {
        if (_log is null)
        {
            return;
        }

        try
        {
            write(_log);
        }
        catch (Exception)
        {
            // The run's record still has everything; only the log line is lost.
        }
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
                CachedCalls = stages.Sum(s => s.CachedCalls),
                InputTokens = stages.Sum(s => s.InputTokens),
                CostUsd = stages.Sum(s => s.CostUsd),
                UnpricedCalls = stages.Sum(s => s.UnpricedCalls),
                OutputTokens = stages.Sum(s => s.OutputTokens),
                WallMs = time.GetElapsedTime(started).TotalMilliseconds,
            },
        };
    }
}
