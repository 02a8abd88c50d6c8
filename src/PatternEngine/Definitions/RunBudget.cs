using System.Globalization;

namespace PatternEngine.Definitions;

/// <summary>
/// What one run may spend: tokens (sent plus answered), US dollars at the catalog's prices, and model calls; a limit
/// left null is no limit. A pattern file declares one under <c>budget:</c>; a run may add its own
/// (<see cref="Execution.RunOptions.Budget"/>), and the stricter of each limit applies (<see cref="Stricter"/>).
/// </summary>
public sealed record RunBudget
{
    /// <summary>The most tokens (input plus output, every call of the run) the run may spend.</summary>
    public long? MaxTokens { get; init; }

    /// <summary>The most US dollars the run may spend at the catalog's prices; calls of unpriced models count as free.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>The most model calls (every attempt counts) the run may make.</summary>
    public int? MaxCalls { get; init; }

    /// <summary>Whether no limit is set.</summary>
    public bool IsUnlimited => MaxTokens is null && MaxCostUsd is null && MaxCalls is null;

    /// <summary>Each limit the stricter of the two budgets sets; null when neither sets any.</summary>
    public static RunBudget? Stricter(RunBudget? first, RunBudget? second)
    {
        if (first is null || first.IsUnlimited)
        {
            return second is { IsUnlimited: false } ? second : null;
        }

        if (second is null || second.IsUnlimited)
        {
            return first;
        }

        return new RunBudget
        {
            MaxTokens = Min(first.MaxTokens, second.MaxTokens),
            MaxCostUsd = Min(first.MaxCostUsd, second.MaxCostUsd),
            MaxCalls = Min(first.MaxCalls, second.MaxCalls),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", new[]
    {
        MaxTokens is { } tokens ? $"{tokens.ToString(CultureInfo.InvariantCulture)} tokens" : null,
        MaxCostUsd is { } cost ? $"${cost.ToString(CultureInfo.InvariantCulture)}" : null,
        MaxCalls is { } calls ? $"{calls.ToString(CultureInfo.InvariantCulture)} calls" : null,
    }.OfType<string>());

    private static T? Min<T>(T? a, T? b)
        where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) <= 0 ? x : y) : a ?? b;
}
