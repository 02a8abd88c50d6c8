using System.Collections.Immutable;
using System.Globalization;
using PatternEngine.Definitions;
using PatternEngine.Definitions.FieldOverrides;

namespace PatternEngine.Bench.Tuning;

/// <summary>
/// The values one numeric stage field is swept over: <c>STAGE.field=v1,v2,...</c> (<c>samples.count=1,3,5,9,15</c>),
/// sorted from the smallest. The field is one of <c>count</c>, <c>max_rounds</c>, <c>max_tokens</c> or
/// <c>temperature</c>; each value must fit the stage (<see cref="StageOverrides.Check"/>).
/// </summary>
public sealed record TuneSweep
{
    /// <summary>The stage's qualified id.</summary>
    public required string StageId { get; init; }

    /// <summary>The field swept.</summary>
    public required string Field { get; init; }

    /// <summary>The values, smallest first, each once.</summary>
    public required ImmutableArray<double> Values { get; init; }

    /// <summary>Where the sweep was written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Reads <c>STAGE.field=v1,v2,...</c>, located at <paramref name="origin"/> (a command-line option).</summary>
    /// <exception cref="PatternFileException">It is not of that form, the field is not numeric, or a value is not a number.</exception>
    public static TuneSweep Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = new SourceLocation(origin, 1, 1);
        var setting = StageOverrides.TryParseOne(text, at) ?? throw Error(at, $"'{text}' is not STAGE.field=v1,v2,... (for example samples.count=1,3,5,9)");
        if (!StageFields.IsNumeric(setting.Field))
        {
            throw Error(at, $"'{setting.Field}' cannot be swept; sweep count, max_rounds, max_tokens or temperature");
        }

        var values = new SortedSet<double>();
        foreach (var value in setting.Value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                throw Error(at, $"{setting.StageId}.{setting.Field}: '{value}' is not a number");
            }

            values.Add(number);
        }

        return values.Count < 2
            ? throw Error(at, $"{setting.StageId}.{setting.Field}: a sweep needs at least two different values, not '{setting.Value}'")
            : new TuneSweep { StageId = setting.StageId, Field = setting.Field, Values = [.. values], Location = at };
    }

    /// <summary>The override that sets the field to <paramref name="value"/>.</summary>
    public StageOverrides At(double value) =>
        new() { Settings = [new StageOverride(StageId, Field, Text(value), Location)] };

    /// <summary>Every problem with the sweep's values against <paramref name="definition"/> (unknown stage, wrong field, out of range).</summary>
    public IReadOnlyList<Diagnostic> Check(PatternDefinition definition) =>
        [.. Values.SelectMany(v => At(v).Check(definition)).Distinct()];

    /// <summary>A value as the field writes it.</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{StageId}.{Field}={string.Join(",", Values.Select(Text))}";

    private static PatternFileException Error(SourceLocation at, string message) => new([new Diagnostic(at, message)]);
}
