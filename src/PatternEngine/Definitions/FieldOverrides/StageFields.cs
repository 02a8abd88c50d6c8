using System.Globalization;

namespace PatternEngine.Definitions.FieldOverrides;

/// <summary>
/// The stage fields an override may set, which stages have them, and the values each takes: <c>count</c> (a
/// <c>fan_out</c>'s samples, 1 to 64), <c>max_rounds</c> (a <c>refine</c>'s rounds, 1 to 10), and, for every prompt
/// of a stage, <c>max_tokens</c> (1 to 32768), <c>temperature</c> (0 to 2; on a stage that runs a pattern, the
/// temperature its prompts sample at) and <c>model</c> (a logical model name).
/// </summary>
public static class StageFields
{
    /// <summary>A <c>fan_out</c>'s sample count.</summary>
    public const string Count = "count";

    /// <summary>A <c>refine</c>'s most rounds.</summary>
    public const string MaxRounds = "max_rounds";

    /// <summary>The most tokens each prompt of the stage may answer with.</summary>
    public const string MaxTokens = "max_tokens";

    /// <summary>The temperature each prompt of the stage samples at.</summary>
    public const string Temperature = "temperature";

    /// <summary>The logical model each prompt of the stage goes to.</summary>
    public const string Model = "model";

    /// <summary>Every field an override may set.</summary>
    public static IReadOnlyList<string> Names { get; } = [Count, MaxRounds, MaxTokens, Temperature, Model];

    /// <summary>Whether the field takes a number (so that a sweep can vary it and fit a trend over it).</summary>
    public static bool IsNumeric(string field) => field is Count or MaxRounds or MaxTokens or Temperature;

    /// <summary>The fields <paramref name="stage"/> has.</summary>
    public static IReadOnlyList<string> Of(StageDefinition stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var fields = new List<string>();
        if (stage is FanOutStage)
        {
            fields.Add(Count);
        }

        if (stage is RefineStage)
        {
            fields.Add(MaxRounds);
        }

        // The prompts an override reaches are those StagePrompts changes (a guard's sentinel is not among them).
        var prompts = stage is PromptStage or RefineStage or TournamentStage or FanOutStage { Body: not null } or MapStage { Body: not null };
        if (prompts)
        {
            fields.Add(MaxTokens);
        }

        if (prompts || stage.Includes is not null)
        {
            fields.Add(Temperature);
        }

        if (prompts)
        {
            fields.Add(Model);
        }

        return fields;
    }

    /// <summary>What is wrong with <paramref name="value"/> as the value of <paramref name="field"/>; null when nothing is.</summary>
    public static string? Problem(string field, string value) => field switch
    {
        Count => IntegerProblem(field, value, 1, FanOutStage.MaxCount),
        MaxRounds => IntegerProblem(field, value, 1, RefineStage.MaxRoundLimit),
        MaxTokens => IntegerProblem(field, value, 1, 32_768),
        Temperature => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 2
            ? null
            : $"temperature takes a number from 0 to 2, not '{value}'",
        Model => value.Length > 0 && !value.Any(char.IsWhiteSpace) ? null : $"model takes a logical model name, not '{value}'",
        _ => $"'{field}' is not a field an override can set; use {string.Join(", ", Names)}",
    };

    /// <summary>The stage with the field set (the value already checked by <see cref="Problem"/>).</summary>
    internal static StageDefinition Set(StageDefinition stage, string field, string value) => (field, stage) switch
    {
        (Count, FanOutStage fanOut) => fanOut with { Count = Integer(value) },
        (MaxRounds, RefineStage refine) => refine with { MaxRounds = Integer(value) },
        (MaxTokens, _) => StagePrompts.Map(stage, p => p with { MaxTokens = Integer(value) }),
        (Temperature, { Includes: { } call }) => StageCalls.WithCall(stage, call with { Temperature = Number(value) }),
        (Temperature, _) => StagePrompts.Map(stage, p => p with { Temperature = Number(value) }),
        (Model, _) => StagePrompts.Map(stage, p => p with { Model = value }),
        _ => throw new ArgumentException($"stage '{stage.Id}' has no field '{field}'", nameof(field)),
    };

    private static string? IntegerProblem(string field, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"{field} takes a whole number from {min} to {max}, not '{value}'";

    private static int Integer(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
