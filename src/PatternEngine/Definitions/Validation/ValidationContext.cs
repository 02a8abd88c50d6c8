using PatternEngine.Definitions.Loading;

namespace PatternEngine.Definitions.Validation;

/// <summary>What the checks share: the pattern, its names, the dependencies found so far and the diagnostics.</summary>
internal sealed class ValidationContext(PatternDefinition pattern, TemplateLocator locator)
{
    public PatternDefinition Pattern { get; } = pattern;

    public TemplateLocator Locator { get; } = locator;

    public List<Diagnostic> Diagnostics { get; } = [];

    public Dictionary<string, StageDefinition> StagesById { get; } = pattern.Stages
        .GroupBy(s => s.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public HashSet<string> InputNames { get; } = [.. pattern.Inputs.Select(i => i.Name)];

    /// <summary>For each stage, the stages it reads, with where it reads them.</summary>
    public Dictionary<string, List<(string StageId, SourceLocation At)>> Dependencies { get; } = new(StringComparer.Ordinal);

    public void Report(SourceLocation at, string message) => Diagnostics.Add(new Diagnostic(at, message));

    public void AddDependency(StageDefinition stage, string dependency, SourceLocation at)
    {
        if (!Dependencies.TryGetValue(stage.Id, out var list))
        {
            Dependencies[stage.Id] = list = [];
        }

        list.Add((dependency, at));
    }

    public string KnownNames() =>
        string.Join(", ", InputNames.Concat(StagesById.Keys).Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
}
