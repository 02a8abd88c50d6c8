using System.Text.RegularExpressions;

namespace PatternEngine.Definitions;

/// <summary>
/// How stages of included patterns are named. A <c>pattern</c> stage's nested stage is <c>outer.inner</c>
/// (<c>reasoned.answer</c>); a pattern body's is <c>outer[*].inner</c> (<c>points[*].critique</c>) for routing,
/// and <c>outer[i].inner</c> (<c>points[2].critique</c>) in a run's record, one per sample or item. Deeper nesting
/// chains the same way (<c>a.b[*].c</c>).
/// </summary>
public static partial class QualifiedStages
{
    /// <summary>The qualified id of <paramref name="nested"/>, a stage of the pattern <paramref name="including"/> runs.</summary>
    public static string Nest(string including, string nested, bool perItem) =>
        perItem ? $"{including}[*].{nested}" : $"{including}.{nested}";

    /// <summary>The prefix of the stages of one sample or item's run in a record: <c>points[2].</c>.</summary>
    public static string ItemPrefix(string including, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{including}[{index}].");

    /// <summary>The id a recorded stage is routed by: every sample or item index as <c>[*]</c>.</summary>
    public static string RoutingId(string recordedId)
    {
        ArgumentNullException.ThrowIfNull(recordedId);
        return ItemIndex().Replace(recordedId, "[*]");
    }

    /// <summary>
    /// Every stage of the pattern that does the work, in file order: its own stages, and in place of a stage that runs
    /// another pattern, that pattern's stages under their qualified ids (resolved patterns only).
    /// </summary>
    public static IReadOnlyList<QualifiedStage> Of(PatternDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var stages = new List<QualifiedStage>();
        Add(definition, "", 1, stages);
        return stages;
    }

    private static void Add(PatternDefinition definition, string prefix, int repeats, List<QualifiedStage> stages)
    {
        foreach (var stage in definition.Stages)
        {
            if (stage.Includes is not { } call)
            {
                stages.Add(new QualifiedStage(prefix + stage.Id, stage, repeats));
            }
            else if (call.Definition is { } included)
            {
                var inner = stage is FanOutStage fanOut ? repeats * fanOut.Count : repeats;
                Add(included, stage.IncludesPerItem ? $"{prefix}{stage.Id}[*]." : $"{prefix}{stage.Id}.", inner, stages);
            }
        }
    }

    [GeneratedRegex(@"\[\d+\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ItemIndex();
}

/// <summary>A stage that does a pattern's work, however deeply it is nested.</summary>
/// <param name="Id">Its qualified id, as routing and plans name it (<c>samples[*].answer</c>).</param>
/// <param name="Stage">Its definition.</param>
/// <param name="Repeats">How many times one run runs it (a fan-out body's count; a map's items count as one).</param>
public sealed record QualifiedStage(string Id, StageDefinition Stage, int Repeats);
