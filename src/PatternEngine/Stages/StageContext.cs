using System.Collections.Concurrent;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Stages;

/// <summary>What a stage sees while it runs: the values before it, the kernel, its seeds, and where issues go.</summary>
internal sealed class StageContext(
    string stageId,
    Kernel kernel,
    IReadOnlyDictionary<string, StageValue> values,
    int runSeed,
    CancellationToken cancellationToken)
{
    private readonly ConcurrentQueue<string> _issues = new();

    public string StageId { get; } = stageId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IEnumerable<string> Issues => _issues;

    public StageValue ValueOf(string name) => values[name];

    public void AddIssue(string issue) => _issues.Enqueue(issue);

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

        var result = await call.InvokeAsync(kernel, variables, SeedFor(callNumber), CancellationToken).ConfigureAwait(false);
        foreach (var issue in result.Issues)
        {
            AddIssue(issue);
        }

        return result;
    }
}
