using System.Collections.Immutable;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Stages;

/// <summary>
/// What a stage sees while it runs: the values before it, the kernel, its seeds, and where issues go. A call that
/// fails cancels the stage's other calls, so a failing stage does not go on paying for answers it will discard.
/// </summary>
internal sealed class StageContext(
    string stageId,
    Kernel kernel,
    IReadOnlyDictionary<string, StageValue> values,
    int runSeed,
    CancellationToken runToken) : IDisposable
{
    // Most stages have no issue: the list is made by the first, and guarded by a lock (concurrent calls add them).
    private readonly Lock _lock = new();
    private List<string>? _issues;
    private readonly CancellationTokenSource _stage = CancellationTokenSource.CreateLinkedTokenSource(runToken);

    public string StageId { get; } = stageId;

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

    public StageValue ValueOf(string name) => values[name];

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
    public async Task<PromptResult> CallAsync(PromptCall call, int callNumber, params (string Name, object? Value)[] locals)
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
            result = await call.InvokeAsync(kernel, variables, SeedFor(callNumber), CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _stage.CancelAsync().ConfigureAwait(false);
            throw;
        }

        foreach (var issue in result.Issues)
        {
            AddIssue(issue);
        }

        return result;
    }

    public void Dispose() => _stage.Dispose();
}
