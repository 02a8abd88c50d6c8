using System.Globalization;
using System.Collections.Immutable;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Execution;

namespace PatternEngine.Stages.FanOut;

/// <summary>
/// The same call (or included pattern) made <c>count</c> times, concurrently, each with its own seed; the value is the
/// list of answers.
/// </summary>
internal sealed class FanOutNode(FanOutStage definition, ImmutableArray<string> dependsOn, StageBody body)
    : StageNode(definition, dependsOn)
{
    public override IEnumerable<(string Field, PromptCall Call)> Calls => body.Calls;

    public override Pattern.IncludedPattern? Included => body.Included;

    public override IReadOnlyDictionary<string, string> PlanSettings => new Dictionary<string, string>
    {
        ["count"] = definition.Count.ToString(CultureInfo.InvariantCulture),
        ["early_stop"] = definition.EarlyStop ? "true" : "false",
    };

    public override StageValue SkippedValue => StageValue.List([]);

    public override async Task<StageOutcome> RunAsync(StageContext context)
    {
        var samples = definition.EarlyStop
            ? await SampleUntilDecidedAsync(context).ConfigureAwait(false)
            : await SampleAsync(context, 0, definition.Count).ConfigureAwait(false);
        var values = samples.Select(s => s.Value.AsItem()).ToList();
        var details = ToolDetails.Of([.. samples.Select(s => s.Prompt).OfType<PromptResult>()]) ?? [];
        if (body.Included is { } included)
        {
            details["pattern"] = included.Pattern.Definition.Name;
        }

        details["samples"] = samples.Count;
        details["parsed"] = values.Count(v => v is not null);
        if (definition.EarlyStop)
        {
            details["samples_saved"] = definition.Count - samples.Count;
        }

        return new StageOutcome(StageValue.List(values), details);
    }

    private async Task<List<BodyResult>> SampleUntilDecidedAsync(StageContext context)
    {
        var samples = await SampleAsync(context, 0, EarlyStopping.FirstWave(definition.Count)).ConfigureAwait(false);
        while (samples.Count < definition.Count)
        {
            var answers = samples.Select(s => s.Value.AsItem()).ToList();
            var remaining = definition.Count - samples.Count;
            if (EarlyStopping.IsDecided(answers, remaining))
            {
                break;
            }

            samples.AddRange(await SampleAsync(context, samples.Count, EarlyStopping.NextWave(answers, remaining)).ConfigureAwait(false));
        }

        return samples;
    }

    // Sample numbers, and so seeds, are the same with and without early stopping.
    private async Task<List<BodyResult>> SampleAsync(StageContext context, int first, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(first, count)
            .Select(index => body.RunAsync(context, index, ("index", index)))).ConfigureAwait(false)];
}
