using System.Collections.Immutable;
using System.Globalization;

namespace PatternEngine.Definitions.FieldOverrides;

/// <summary>
/// A set of stage-field overrides (<c>STAGE.field=value</c>): what a pattern's mode changes, or one setting of a
/// sweep. Immutable; <see cref="Check"/> finds every problem against a definition, with the place each setting was
/// written, and <see cref="ApplyTo"/> makes a new definition with the fields set (the original is untouched).
/// Later settings of the same stage and field win.
/// </summary>
public sealed record StageOverrides
{
    /// <summary>No overrides.</summary>
    public static StageOverrides None { get; } = new();

    /// <summary>The settings, in the order they were written.</summary>
    public ImmutableArray<StageOverride> Settings { get; init; } = [];

    /// <summary>Whether there are none.</summary>
    public bool IsEmpty => Settings.IsEmpty;

    /// <summary>
    /// Reads <c>STAGE.field=value</c> settings (the field is what follows the last dot of the left side), each located at
    /// <paramref name="origin"/> and its column there (the option name on a command line, say).
    /// </summary>
    /// <exception cref="PatternFileException">A setting is not of that form.</exception>
    public static StageOverrides Parse(IEnumerable<string> settings, string origin)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(origin);
        var parsed = new List<StageOverride>();
        var problems = new List<Diagnostic>();
        var index = 0;
        foreach (var setting in settings)
        {
            index++;
            var at = new SourceLocation(origin, index, 1);
            if (TryParseOne(setting, at) is { } one)
            {
                parsed.Add(one);
            }
            else
            {
                problems.Add(new Diagnostic(at, $"'{setting}' is not STAGE.field=value (for example samples.count=5)"));
            }
        }

        return problems.Count > 0 ? throw new PatternFileException(problems) : new StageOverrides { Settings = [.. parsed] };
    }

    /// <summary>One <c>STAGE.field=value</c> setting, or null when the text is not of that form.</summary>
    public static StageOverride? TryParseOne(string setting, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        var target = equals < 0 ? setting : setting[..equals];
        var dot = target.LastIndexOf('.');
        return equals < 0 || dot <= 0 || dot == target.Length - 1
            ? null
            : new StageOverride(target[..dot].Trim(), target[(dot + 1)..].Trim(), setting[(equals + 1)..].Trim(), location);
    }

    /// <summary>These settings followed by <paramref name="later"/>'s (which win where both set a field).</summary>
    public StageOverrides Then(StageOverrides later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new StageOverrides { Settings = Settings.AddRange(later.Settings) };
    }

    /// <summary>
    /// Every problem with these settings against <paramref name="definition"/> (resolved includes): a stage it does not
    /// have, a field that stage kind does not have, a value out of the field's range; each at the setting's location.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(PatternDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var stages = AllStages(definition);
        var problems = new List<Diagnostic>();
        foreach (var setting in Settings)
        {
            if (!stages.TryGetValue(setting.StageId, out var stage))
            {
                problems.Add(new(setting.Location, $"pattern '{definition.Name}' has no stage '{setting.StageId}'; its stages are {Known(stages.Keys)}"));
            }
            else if (!StageFields.Names.Contains(setting.Field, StringComparer.Ordinal))
            {
                problems.Add(new(setting.Location, $"'{setting.Field}' is not a field an override can set; use {string.Join(", ", StageFields.Names)}"));
            }
            else if (!StageFields.Of(stage).Contains(setting.Field, StringComparer.Ordinal))
            {
                var fields = StageFields.Of(stage);
                problems.Add(new(setting.Location, $"stage '{setting.StageId}' is a {Kind(stage)} stage, which has no field '{setting.Field}'; "
                    + (fields.Count == 0 ? "it has none an override can set" : $"it has {string.Join(", ", fields)}")));
            }
            else if (StageFields.Problem(setting.Field, setting.Value) is { } problem)
            {
                problems.Add(new(setting.Location, $"{setting.StageId}.{problem}"));
            }
        }

        return problems;
    }

    /// <summary>A new definition with every setting applied; the original is left as it is.</summary>
    /// <exception cref="PatternFileException">A setting does not fit the definition (see <see cref="Check"/>).</exception>
    public PatternDefinition ApplyTo(PatternDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (IsEmpty)
        {
            return definition;
        }

        var problems = Check(definition);
        return problems.Count > 0 ? throw new PatternFileException(problems) : Apply(definition, "");
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", Settings);

    private PatternDefinition Apply(PatternDefinition definition, string prefix) => definition with
    {
        Stages = [.. definition.Stages.Select(stage =>
        {
            var id = prefix + stage.Id;
            if (stage.Includes is { Definition: { } included } call)
            {
                var nested = Apply(included, stage.IncludesPerItem ? $"{id}[*]." : $"{id}.");
                stage = StageCalls.WithCall(stage, call with { Definition = nested });
            }

            foreach (var setting in Settings.Where(s => s.StageId == id))
            {
                stage = StageFields.Set(stage, setting.Field, setting.Value);
            }

            return stage;
        })],
    };

    /// <summary>Every stage by qualified id: the pattern's own, and those of the patterns it includes, as deep as they go.</summary>
    private static Dictionary<string, StageDefinition> AllStages(PatternDefinition definition)
    {
        var stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal);
        Add(definition, "", stages);
        return stages;

        static void Add(PatternDefinition definition, string prefix, Dictionary<string, StageDefinition> stages)
        {
            foreach (var stage in definition.Stages)
            {
                var id = prefix + stage.Id;
                stages[id] = stage;
                if (stage.Includes is { Definition: { } included })
                {
                    Add(included, stage.IncludesPerItem ? $"{id}[*]." : $"{id}.", stages);
                }
            }
        }
    }

    private static string Kind(StageDefinition stage) => stage.Kind switch
    {
        StageKind.FanOut => "fan_out",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Known(IEnumerable<string> ids)
    {
        var list = ids.Select(i => $"'{i}'").ToList();
        return list.Count <= 12
            ? string.Join(", ", list)
            : string.Join(", ", list.Take(12)) + string.Create(CultureInfo.InvariantCulture, $" and {list.Count - 12} more");
    }
}
