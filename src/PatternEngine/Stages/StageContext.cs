using System.Collections.Immutable;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;

namespace PatternEngine.Stages;

/// <summary>
/// What a stage sees while it runs: the values before it, the kernel, its seeds, and where issues go. A call (or an
/// included pattern's run) that fails cancels the stage's other calls, so a failing stage does not go on paying for
/// answers it will discard. The runs of included patterns leave their stage records here, finished or not.
/// </summary>
internal sealed class StageContext(
    string stageId,
    Kernel kernel,
    IReadOnlyDictionary<string, StageValue> values,
    int runSeed,
    CancellationToken runToken) : ICallSink, IDisposable
{
    // Most stages have no issue: the list is made by the first, and guarded by a lock (concurrent calls add them).
    private readonly Lock _lock = new();
    private List<string>? _issues;
    private int _answers;
    private int _unparsedAnswers;
    private SortedDictionary<int, ImmutableArray<StageRecord>>? _nested;
    private readonly CancellationTokenSource _stage = CancellationTokenSource.CreateLinkedTokenSource(runToken);

    /// <summary>The stage's id in its own pattern; seeds derive from it.</summary>
    public string StageId { get; } = stageId;

    /// <summary>The stage's id in the run's record: qualified when the stage belongs to an included pattern.</summary>
    public string QualifiedId { get; init; } = stageId;

    /// <summary>What hears every call as it finishes (the run's log), passed on to included patterns' runs.</summary>
    public Action<CallRecord>? CallListener { get; init; }

    /// <summary>The conversation the run is a turn of (its memory), passed on to included patterns' runs; null for a lone run.</summary>
    public Conversations.ConversationScope? Conversation { get; init; }

    /// <summary>The clock memory reads and writes are timed with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The values of the inputs and the stages before this one.</summary>
    public IReadOnlyDictionary<string, StageValue> Values => values;

    /// <summary>The stage records of the included patterns' runs, by sample or item, each run's in its file order.</summary>
    public ImmutableArray<StageRecord> Nested
    {
        get
        {
            lock (_lock)
            {
                return _nested is null ? [] : [.. _nested.Values.SelectMany(r => r)];
            }
        }
    }

    public CancellationToken CancellationToken => _stage.Token;

    /// <summary>The issues so far, in the order they were added (a copy).</summary>
    public ImmutableArray<string> Issues
    {
        get
        {
            lock (_lock)
            {
                return _issues is null ? [] : [.. _issues];
            }
        }
    }

    /// <summary>Answers the stage's prompts gave, and those that failed their schema or extraction.</summary>
    public (int Answers, int Unparsed) AnswerCounts
    {
        get
        {
            lock (_lock)
            {
                return (_answers, _unparsedAnswers);
            }
        }
    }

    public StageValue ValueOf(string name) => values[name];

    /// <summary>A call of the stage was recorded: it goes on to the run's log, if any.</summary>
    public void CallFinished(CallRecord call) => CallListener?.Invoke(call);

    public void AddIssue(string issue)
    {
        lock (_lock)
        {
            (_issues ??= []).Add(issue);
        }
    }

    /// <summary>A seed per call that depends only on the run's seed, the stage and the call's number.</summary>
    public int SeedFor(int call) => StableSeed.Derive(runSeed, StageId, call);

    /// <summary>Makes a call with every earlier value in scope, plus the names the stage binds; records its issues.</summary>
    public Task<PromptResult> CallAsync(PromptCall call, int callNumber, params (string Name, object? Value)[] locals) =>
        InvokeAsync(call, SeedFor(callNumber), locals);

    /// <summary>
    /// Makes a call for one item of a list the stage works through item by item (a refine of a list): its seed depends
    /// on the item too, so that items never share one.
    /// </summary>
    public Task<PromptResult> CallForItemAsync(PromptCall call, int item, int callNumber, params (string Name, object? Value)[] locals) =>
        InvokeAsync(call, StableSeed.Derive(runSeed, QualifiedStages.ItemPrefix(StageId, item), callNumber), locals);

    /// <summary>
    /// Runs an included pattern for the sample or item <paramref name="index"/> (0 for a pattern stage), with a seed of
    /// its own derived from the run's seed and the index; its stage records, under <paramref name="prefix"/>, are
    /// kept here, also when it fails.
    /// </summary>
    public async Task<RunRecord> RunPatternAsync(CompiledPattern pattern, IReadOnlyDictionary<string, StageValue> inputs, int index, string prefix)
    {
        try
        {
            var record = await pattern.RunNestedAsync(inputs, SeedFor(index), prefix, CallListener, Conversation, CancellationToken).ConfigureAwait(false);
            AddNested(index, record.Stages);
            return record;
        }
        catch (PatternRunException e)
        {
            AddNested(index, e.Partial.Stages);
            await _stage.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void AddNested(int index, ImmutableArray<StageRecord> stages)
    {
        lock (_lock)
        {
            (_nested ??= [])[index] = stages;
        }
    }

    private async Task<PromptResult> InvokeAsync(PromptCall call, int seed, (string Name, object? Value)[] locals)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            variables[name] = value.ToTemplateValue();
        }

        foreach (var (name, value) in locals)
        {
            variables[name] = value;
        }

        PromptResult result;
        try
        {
            result = await call.InvokeAsync(kernel, variables, seed, CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _stage.CancelAsync().ConfigureAwait(false);
            throw;
        }

        lock (_lock)
        {
            _answers++;
            _unparsedAnswers += result.Answer.Issue is null ? 0 : 1;
        }

        foreach (var issue in result.Issues)
        {
            AddIssue(issue);
        }

        return result;
    }

    public void Dispose() => _stage.Dispose();
}
