using System.Collections.Immutable;
using PatternEngine.Definitions;
using PatternEngine.Stages;

namespace PatternEngine.Compilation;

/// <summary>A compiled pattern described as data: what runs, in which wave, with which settings. Snapshot-friendly.</summary>
public sealed record PatternPlan
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The pattern's version.</summary>
    public required string Version { get; init; }

    /// <summary>The output stage.</summary>
    public required string Output { get; init; }

    /// <summary>
    /// Stages in execution order; a stage that runs an included pattern is followed by that pattern's stages under
    /// their qualified ids (<c>reasoned.answer</c>, <c>points[*].critique</c>).
    /// </summary>
    public required ImmutableArray<PlannedStage> Stages { get; init; }

    internal static PatternPlan Describe(PatternDefinition definition, ImmutableArray<StageNode> nodes)
    {
        var waves = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            waves[node.Id] = node.DependsOn.Select(d => waves[d] + 1).DefaultIfEmpty(0).Max();
        }

        return new PatternPlan
        {
            Pattern = definition.Name,
            Version = definition.Version,
            Output = definition.Output,
            Stages = [.. nodes.SelectMany(node => Planned(node, waves[node.Id]))],
        };
    }

    // A stage that runs an included pattern is followed by that pattern's stages, qualified (reasoned.answer, or
    // points[*].critique for a body), in waves counted from the including stage's.
    private static IEnumerable<PlannedStage> Planned(StageNode node, int wave)
    {
        yield return new PlannedStage
        {
            Id = node.Id,
            Kind = KindName(node.Definition.Kind),
            Wave = wave,
            DependsOn = node.DependsOn,
            When = node.Condition?.Expression,
            Settings = node.PlanSettings.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Prompts = [.. node.Calls.Select(c => new PlannedPrompt
            {
                Field = c.Field,
                Model = c.Call.Spec.Model,
                MaxTokens = c.Call.Spec.MaxTokens,
                Temperature = c.Call.Spec.Temperature,
                StructuredOutput = c.Call.Spec.OutputSchema is not null,
                Extract = c.Call.Spec.Extract switch { { Regex: { } r } => "regex: " + r, { JsonPath: { } p } => "json_path: " + p, { FinalAnswer: true } => "final_answer", _ => null },
                Tools = c.Call.Spec.Tools,
            })],
        };

        if (node.Included is not { } included)
        {
            yield break;
        }

        string Nest(string id) => QualifiedStages.Nest(node.Id, id, included.PerItem);
        foreach (var nested in included.Pattern.Plan.Stages)
        {
            yield return nested with { Id = Nest(nested.Id), Wave = wave + nested.Wave, DependsOn = [.. nested.DependsOn.Select(Nest)] };
        }
    }

    /// <summary>A stage kind as the file format names it.</summary>
    public static string KindName(StageKind kind) => kind switch
    {
        StageKind.FanOut => "fan_out",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A stage of a plan.</summary>
public sealed record PlannedStage
{
    /// <summary>The stage's id.</summary>
    public required string Id { get; init; }

    /// <summary>The primitive.</summary>
    public required string Kind { get; init; }

    /// <summary>0 for stages that wait for nothing; otherwise one more than the latest stage waited for. A wave's stages run concurrently.</summary>
    public required int Wave { get; init; }

    /// <summary>The stages this one waits for.</summary>
    public required ImmutableArray<string> DependsOn { get; init; }

    /// <summary>The condition the stage runs under, if any.</summary>
    public string? When { get; init; }

    /// <summary>The primitive's own settings (count, over, method, …), by the file's field names.</summary>
    public required ImmutableSortedDictionary<string, string> Settings { get; init; }

    /// <summary>The prompts the stage sends.</summary>
    public required ImmutableArray<PlannedPrompt> Prompts { get; init; }
}

/// <summary>A prompt of a planned stage.</summary>
public sealed record PlannedPrompt
{
    /// <summary>The field the prompt was written under.</summary>
    public required string Field { get; init; }

    /// <summary>The logical model name.</summary>
    public required string Model { get; init; }

    /// <summary>The token limit of the answer.</summary>
    public required int MaxTokens { get; init; }

    /// <summary>The sampling temperature.</summary>
    public required double Temperature { get; init; }

    /// <summary>Whether the answer must satisfy a JSON Schema.</summary>
    public required bool StructuredOutput { get; init; }

    /// <summary>The extraction, if any.</summary>
    public string? Extract { get; init; }

    /// <summary>The tools the prompt may call.</summary>
    public required ImmutableArray<string> Tools { get; init; }
}
