using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;
using PatternEngine.Budgets;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution.Logging;
using PatternEngine.Models.Measurement;
using PatternEngine.Stages;
using PatternEngine.Telemetry;

namespace PatternEngine.Execution;

/// <summary>
/// Runs a compiled pattern: each stage starts as soon as the stages it reads have finished, so independent stages
/// run concurrently. A failing stage cancels the rest; every stage that started keeps its record and its calls.
/// A pattern run inside a stage of another records its stages under the including stage's qualified id.
/// </summary>
internal sealed class PatternRunner(CompiledPattern pattern, Kernel kernel, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StageValue> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StageRecord> _records = new(StringComparer.Ordinal);

    private StageFailure? _failure;
    private RunHeader? _header;
    private string? _runId;
    private IRunLog? _log;
    private Action<CallRecord>? _logCall;
    private string _prefix = "";
    private Conversations.ConversationScope? _conversation;

    public Task<RunRecord> RunAsync(IReadOnlyDictionary<string, StageValue> inputs, RunOptions options, CancellationToken cancellationToken)
    {
        _conversation = options.Conversation;
        _runId = Guid.NewGuid().ToString("N");
        if (options.Log is { } log)
        {
            // The header and the call listener exist only for the log: a run without one makes neither.
            _log = log;
            _header = new RunHeader(_runId, pattern.Definition.Name, pattern.Definition.Version, time.GetUtcNow());
            _logCall = pattern.Telemetry.ObserveCalls(pattern.Definition.Name, LogCall);
            return RunLoggedAsync(inputs, options, cancellationToken);
        }

        // Telemetry hears every call of the run, its included patterns' too (their runs share this listener).
        _logCall = pattern.Telemetry.ObserveCalls(pattern.Definition.Name, null);
        return RunStagesAsync(inputs, options.Seed, Budget(options), cancellationToken);
    }

    // The run's own budget: the file's, tightened by the run's options. Included patterns spend from the including run's.
    private RunBudget? Budget(RunOptions options) => RunBudget.Stricter(pattern.Definition.Budget, options.Budget);

    // The run waits for its log to have every line, so that a finished run has its whole log.
    private async Task<RunRecord> RunLoggedAsync(IReadOnlyDictionary<string, StageValue> inputs, RunOptions options, CancellationToken cancellationToken)
    {
        RunRecord record;
        try
        {
            record = await RunStagesAsync(inputs, options.Seed, Budget(options), cancellationToken).ConfigureAwait(false);
        }
        catch (PatternRunException failed)
        {
            await LogRunAsync(failed.Partial, failed.Message).ConfigureAwait(false);
            throw;
        }

        await LogRunAsync(record, null).ConfigureAwait(false);
        return record;
    }

    /// <summary>Runs the pattern as a sub-run of another's stage: no run line, its calls to the including run's listener.</summary>
    public Task<RunRecord> RunNestedAsync(
        IReadOnlyDictionary<string, StageValue> inputs, int seed, string prefix, Action<CallRecord>? onCall, Conversations.ConversationScope? conversation,
        CancellationToken cancellationToken)
    {
        _prefix = prefix;
        _conversation = conversation;
        _logCall = onCall;
        return RunStagesAsync(inputs, seed, budget: null, cancellationToken);
    }

    private async Task<RunRecord> RunStagesAsync(IReadOnlyDictionary<string, StageValue> inputs, int seed, RunBudget? budget, CancellationToken cancellationToken)
    {
        if (!Nested)
        {
            // Set inside this async method, the ledger flows to every stage it starts and never back to the caller.
            BudgetLedger.Open(budget is null ? null : new BudgetLedger(budget));
        }

        foreach (var (name, value) in inputs)
        {
            _values[name] = value;
        }

        var started = time.GetTimestamp();
        pattern.Telemetry.StartRun(pattern.Definition, seed, Nested);
        using var stopRun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Dictionary<string, Task>(pattern.Nodes.Length, StringComparer.Ordinal);
        foreach (var node in pattern.Nodes)
        {
            var dependencies = node.DependsOn.IsEmpty ? [] : new Task[node.DependsOn.Length];
            for (var i = 0; i < dependencies.Length; i++)
            {
                dependencies[i] = tasks[node.DependsOn[i]];
            }

            tasks[node.Id] = RunStageAsync(node, dependencies, seed, stopRun, cancellationToken);
        }

        try
        {
            await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var message = _failure is { } failure
                ? $"stage '{_prefix}{failure.StageId}' of '{pattern.Definition.Name}' failed: {failure.Error.Message}"
                : $"the run of '{pattern.Definition.Name}' was cancelled";
            var partial = Stopped(Record(seed, started), _failure?.Error ?? e, message);
            pattern.Telemetry.RunFinished(partial, message, _failure?.Error ?? e, Nested);
            throw new PatternRunException(message, partial, _failure?.Error ?? e);
        }

        var record = Nested ? Record(seed, started) : Reviewed(Record(seed, started), cancellationToken);
        pattern.Telemetry.RunFinished(record, null, null, Nested);
        return record;
    }

    private async Task RunStageAsync(StageNode node, Task[] dependencies, int seed, CancellationTokenSource stopRun, CancellationToken caller)
    {
        if (dependencies.Length > 0)
        {
            await Task.WhenAll(dependencies).ConfigureAwait(false);
        }

        stopRun.Token.ThrowIfCancellationRequested();
        var qualifiedId = _prefix.Length == 0 ? node.Id : _prefix + node.Id;
        RunTelemetry.StartStage(node, qualifiedId);
        using var context = new StageContext(node.Id, kernel, _values, seed, stopRun.Token)
        {
            QualifiedId = qualifiedId,
            CallListener = _logCall,
            Conversation = _conversation,
            Time = time,
        };
        var scope = CallScope.Begin(qualifiedId, context);
        var started = time.GetTimestamp();
        try
        {
            var skipped = false;
            if (node.Condition is { } condition)
            {
                var (met, issue) = condition.Evaluate(_values, context.CancellationToken);
                skipped = !met;
                if (issue is not null)
                {
                    context.AddIssue(issue);
                }
            }

            var outcome = skipped ? new StageOutcome(node.SkippedValue) : await node.RunAsync(context).ConfigureAwait(false);
            _values[node.Id] = outcome.Value;
            var record = _records[node.Id] = StageRecordOf(node, outcome, context, scope, time.GetElapsedTime(started), skipped);
            pattern.Telemetry.StageFinished(record, pattern.Definition.Name, failure: null, cancelled: false);
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
            var record = _records[node.Id] = StageRecordOf(node, new StageOutcome(StageValue.None), context, scope, time.GetElapsedTime(started), skipped: false);
            pattern.Telemetry.StageFinished(record, pattern.Definition.Name, stopped ? null : e, cancelled: stopped);
            await stopRun.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    // One pass over the calls, without LINQ: this runs once per stage of every run. A stage that runs included
    // patterns makes no call itself; its figures are the sums over the stages it nests, whose records keep the calls.
    private static StageRecord StageRecordOf(StageNode node, StageOutcome outcome, StageContext context, CallScope scope, TimeSpan elapsed, bool skipped)
    {
        var calls = scope.Calls;
        ImmutableArray<StageRecord> nested = node.Included is null ? [] : context.Nested;
        long inputTokens = 0, outputTokens = 0;
        decimal cost = 0;
        int unpriced = 0, cached = 0, count = 0;
        var models = new List<string>(1);
        foreach (var call in calls)
        {
            Add(call);
        }

        foreach (var stage in nested)
        {
            foreach (var call in stage.AllCalls())
            {
                Add(call);
            }
        }

        return new StageRecord
        {
            Id = scope.StageId,
            Kind = PatternPlan.KindName(node.Definition.Kind),
            Model = models.Count == 1 ? models[0] : string.Join(",", models),
            Skipped = skipped,
            Calls = count,
            CachedCalls = cached,
            InputTokens = inputTokens,
            CostUsd = cost,
            UnpricedCalls = unpriced,
            OutputTokens = outputTokens,
            LatencyMs = elapsed.TotalMilliseconds,
            Output = outcome.Value,
            Issues = context.Issues,
            Answers = context.AnswerCounts.Answers,
            UnparsedAnswers = context.AnswerCounts.Unparsed,
            Details = outcome.Details,
            Memory = outcome.Memory,
            CallRecords = calls,
            Stages = nested,
        };

        void Add(CallRecord call)
        {
            count++;
            inputTokens = Saturating.Add(inputTokens, call.InputTokens);
            outputTokens = Saturating.Add(outputTokens, call.OutputTokens);
            cost = Saturating.Add(cost, call.CostUsd ?? 0);
            unpriced += call.CostUsd is null ? 1 : 0;
            cached += call.Cached ? 1 : 0;
            if (!models.Contains(call.Model, StringComparer.Ordinal))
            {
                models.Add(call.Model);
            }
        }
    }

    private sealed record StageFailure(string StageId, Exception Error);

    // The review rule sees the values and, under details, each stage's details by id (nested stages by qualified id).
    private RunRecord Reviewed(RunRecord record, CancellationToken cancellationToken)
    {
        if (pattern.Definition.Review is not { } rule)
        {
            return record;
        }

        var details = new System.Text.Json.Nodes.JsonObject();
        foreach (var stage in record.Stages.SelectMany(Flatten))
        {
            details[stage.Id] = stage.Details?.DeepClone();
        }

        var (met, issue) = new StageCondition(rule.When).Evaluate(_values, details, cancellationToken);
        var reasons = met ? [rule.Reason ?? rule.When] : issue is null ? ImmutableArray<string>.Empty : ["the review rule could not be evaluated, so the run is held for review: " + issue];
        return record with { NeedsReview = !reasons.IsEmpty, ReviewReasons = reasons };

        static IEnumerable<StageRecord> Flatten(StageRecord stage) => stage.Stages.SelectMany(Flatten).Prepend(stage);
    }

    // A budget or a guard names the (nested) stage it stopped; any other failure, the stage that failed first.
    private RunRecord Stopped(RunRecord partial, Exception cause, string message)
    {
        var status = PatternRunException.KindOf(cause) switch
        {
            PatternEngineErrorKind.BudgetExceeded => RunStatus.BudgetExceeded,
            PatternEngineErrorKind.Blocked => RunStatus.Blocked,
            _ => RunStatus.Failed,
        };
        var stage = Cause<BudgetExceededException>(cause)?.Stage ?? Cause<PatternRunException>(cause)?.Partial.StoppedAt
            ?? (_failure is { } failure ? _prefix + failure.StageId : null);
        return partial with { Status = status, StoppedAt = stage, StopReason = message };
    }

    private static T? Cause<T>(Exception? error)
        where T : Exception
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether this is an included pattern's run, inside a stage of another.</summary>
    private bool Nested => _prefix.Length > 0;

    // A call line that fails becomes an issue of its stage (CallScope), and one that is not wanted costs nothing.
    private void LogCall(CallRecord call) => _log?.CallFinished(_header!, call);

    [SuppressMessage("Design", "CA1031", Justification = "A log that fails must not fail the run it logs; the record has it all.")]
    private async ValueTask LogRunAsync(RunRecord record, string? failure)
    {
        if (_log is null)
        {
            return;
        }

        try
        {
            await _log.RunFinishedAsync(_header!, record, failure).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The run's record still has everything; only the log's run line is lost.
        }
    }

    private RunRecord Record(int seed, long started)
    {
        var stages = ImmutableArray.CreateBuilder<StageRecord>(_records.Count);
        long inputTokens = 0, outputTokens = 0;
        decimal cost = 0;
        int calls = 0, unpriced = 0, cached = 0;
        foreach (var stage in pattern.Definition.Stages)
        {
            if (_records.TryGetValue(stage.Id, out var record))
            {
                stages.Add(record);
                calls += record.Calls;
                inputTokens = Saturating.Add(inputTokens, record.InputTokens);
                cost = Saturating.Add(cost, record.CostUsd);
                unpriced += record.UnpricedCalls;
                cached += record.CachedCalls;
                outputTokens = Saturating.Add(outputTokens, record.OutputTokens);
            }
        }

        return new RunRecord
        {
            Pattern = pattern.Definition.Name,
            Version = pattern.Definition.Version,
            Mode = pattern.Definition.Mode,
            Seed = seed,
            RunId = _runId,
            Output = _values.GetValueOrDefault(pattern.Definition.Output) ?? StageValue.None,
            Stages = stages.DrainToImmutable(),
            Totals = new RunTotals
            {
                Calls = calls,
                CachedCalls = cached,
                InputTokens = inputTokens,
                CostUsd = cost,
                UnpricedCalls = unpriced,
                OutputTokens = outputTokens,
                WallMs = time.GetElapsedTime(started).TotalMilliseconds,
            },
        };
    }
}
